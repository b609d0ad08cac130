package dev.parley.mediator.slot;

import java.time.Instant;

/** One device slot as GetDevicesInfo reports it; the device info stays encrypted as the device sent it. */
public record DeviceSlot(long deviceId, byte[] encryptedDeviceInfo, boolean persistent, Instant lastDisconnectAt) {
}
