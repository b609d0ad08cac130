package dev.parley.client.load.engine;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One operation: when it was meant to start, when it did, and its single outcome. The first of
 * {@link #succeeded} and {@link #failed} wins; later calls (a late reply after a timeout) are
 * ignored and return false.
 */
public final class Op {

    private static final AtomicIntegerFieldUpdater<Op> DONE = AtomicIntegerFieldUpdater.newUpdater(Op.class, "done");

    private final long sequence;
    private final long intended;
    private long started;
    private final Completion completion;
    private volatile int done;

    /** What the driver does when an operation ends. */
    public interface Completion {
        void completed(Op op);
    }

    public Op(long sequence, long intendedNanos, Completion completion) {
        this.sequence = sequence;
        this.intended = intendedNanos;
        this.started = intendedNanos;
        this.completion = completion;
    }

    /** 0, 1, 2, … in the order the engine started operations. */
    public long sequence() {
        return sequence;
    }

    /** {@code System.nanoTime()} of the slot this operation was scheduled for. */
    public long intendedNanos() {
        return intended;
    }

    public long startedNanos() {
        return started;
    }

    void markStarted(long nanos) {
        this.started = nanos;
    }

    public boolean isDone() {
        return done != 0;
    }

    public boolean succeeded(Timer timer) {
        if (!DONE.compareAndSet(this, 0, 1)) {
            return false;
        }
        long now = System.nanoTime();
        timer.ok(now - intended, now - started);
        completion.completed(this);
        return true;
    }

    public boolean failed(Timer timer, String reason) {
        if (!DONE.compareAndSet(this, 0, 1)) {
            return false;
        }
        timer.error(reason);
        completion.completed(this);
        return true;
    }
}
