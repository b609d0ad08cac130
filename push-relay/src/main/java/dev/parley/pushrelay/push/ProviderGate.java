package dev.parley.pushrelay.push;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the pushes in flight towards one provider. Callers that find no free slot are refused at
 * once rather than queued, so a provider that stops answering cannot pile up work in memory.
 */
public final class ProviderGate {

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();

    public ProviderGate(int limit) {
        this.limit = limit;
    }

    public boolean tryAcquire() {
        while (true) {
            int current = inFlight.get();
            if (current >= limit) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    public void release() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return inFlight.get();
    }
}
