package dev.parley.mediator.cluster;

/**
 * Where a device of a group is connected: node, that node's connection number, and since when
 * (Unix ms). Stored in Redis as {@code node|connection|since}.
 */
public record DevicePresence(String node, long connection, long connectedSince) {

    public String encode() {
        return node + "|" + connection + "|" + connectedSince;
    }

    /** Null for anything that is not a presence value. */
    public static DevicePresence decode(String value) {
        if (value == null) {
            return null;
        }
        String[] parts = value.split("\\|");
        if (parts.length != 3) {
            return null;
        }
        try {
            return new DevicePresence(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
