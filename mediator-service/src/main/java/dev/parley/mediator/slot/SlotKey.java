package dev.parley.mediator.slot;

/** A device slot's key: device group ID and mediator device ID. */
public record SlotKey(byte[] groupId, long deviceId) {
}
