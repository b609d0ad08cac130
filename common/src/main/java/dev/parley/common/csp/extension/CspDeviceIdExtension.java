package dev.parley.common.csp.extension;

import dev.parley.common.codec.LittleEndian;

/**
 * Extension 0x01, csp-device-id (PROTOCOLS.md §5.3): a u64-le, exactly 8 bytes, sent only when
 * multi-device is active.
 *
 * @param cspDeviceId the unsigned 64-bit device ID, as the bits of a {@code long}
 */
public record CspDeviceIdExtension(long cspDeviceId) implements LoginExtension {

    public static final int LENGTH = 8;

    @Override
    public int type() {
        return TYPE_CSP_DEVICE_ID;
    }

    @Override
    public byte[] encodePayload() {
        byte[] out = new byte[LENGTH];
        LittleEndian.putU64(out, 0, cspDeviceId);
        return out;
    }

    @Override
    public String toString() {
        return "CspDeviceIdExtension[" + Long.toUnsignedString(cspDeviceId) + "]";
    }
}
