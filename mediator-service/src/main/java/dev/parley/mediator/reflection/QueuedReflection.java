package dev.parley.mediator.reflection;

/**
 * A reflected message waiting in one device's queue.
 *
 * @param sequence the slot's reflected ID before truncation to the 32 bits the wire carries
 * @param storedAt Unix milliseconds at which it entered the queue
 */
public record QueuedReflection(long sequence, int flags, long storedAt, byte[] envelope) {

    /** The u32 reflected ID on the wire: it may wrap, the sequence never does. */
    public long wireId() {
        return sequence & 0xffff_ffffL;
    }
}
