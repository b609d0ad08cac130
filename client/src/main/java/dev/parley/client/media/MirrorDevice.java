package dev.parley.client.media;

import dev.parley.common.encoding.Hex;

/**
 * The identity a blob-mirror call carries: the mediator device ID and the device group ID.
 *
 * @param deviceId the u64 mediator device ID; sent as the hex of its little-endian bytes
 * @param deviceGroupId the 32-byte device group ID
 */
public record MirrorDevice(long deviceId, byte[] deviceGroupId) {

    public MirrorDevice {
        if (deviceGroupId.length != 32) {
            throw new IllegalArgumentException("a device group ID has 32 bytes");
        }
        deviceGroupId = deviceGroupId.clone();
    }

    @Override
    public byte[] deviceGroupId() {
        return deviceGroupId.clone();
    }

    public String deviceIdHex() {
        byte[] littleEndian = new byte[8];
        for (int i = 0; i < 8; i++) {
            littleEndian[i] = (byte) (deviceId >>> (8 * i));
        }
        return Hex.encode(littleEndian);
    }

    public String deviceGroupIdHex() {
        return Hex.encode(deviceGroupId);
    }
}
