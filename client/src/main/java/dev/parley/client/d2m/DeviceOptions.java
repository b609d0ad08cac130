package dev.parley.client.d2m;

/**
 * How a device asks for its slot in ClientHello (§6.3).
 *
 * @param expectExisting true once the device has been admitted before
 * @param persistent     the slot outlives the connection (Android sends true)
 * @param dropLeastRecent make room by dropping the least recently active device instead of being refused
 * @param label          the device's name, sent encrypted in the device info
 */
public record DeviceOptions(boolean expectExisting, boolean persistent, boolean dropLeastRecent, String label) {

    public static DeviceOptions newDevice(String label) {
        return new DeviceOptions(false, true, false, label);
    }

    public DeviceOptions existing() {
        return new DeviceOptions(true, persistent, dropLeastRecent, label);
    }
}
