package dev.parley.mediator.slot;

/**
 * What a device asked for in its ClientHello about its slot: whether it expects the slot to
 * exist, whether the slot outlives the connection, and what to do when the group is full.
 */
public record SlotPolicy(boolean expectExisting, boolean persistent, boolean dropLeastRecent) {
}
