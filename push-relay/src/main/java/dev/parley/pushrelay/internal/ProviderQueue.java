package dev.parley.pushrelay.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A bounded queue of pushes for one provider, drained with at most {@code maxConcurrency} sends in
 * flight. Any thread may offer; whichever thread offers or finishes a send drains, so no thread of
 * our own waits on the queue. A full queue refuses the offer (the caller counts the drop).
 */
final class ProviderQueue<T> {

    private final ArrayBlockingQueue<T> queue;
    private final int maxConcurrency;
    private final Function<T, Mono<Void>> send;
    private final AtomicInteger inFlight = new AtomicInteger();

    ProviderQueue(int capacity, int maxConcurrency, Function<T, Mono<Void>> send) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxConcurrency = maxConcurrency;
        this.send = send;
    }

    boolean offer(T item) {
        if (!queue.offer(item)) {
            return false;
        }
        drain();
        return true;
    }

    int depth() {
        return queue.size();
    }

    int inFlight() {
        return inFlight.get();
    }

    private void drain() {
        while (!queue.isEmpty()) {
            int current = inFlight.get();
            if (current >= maxConcurrency) {
                return;
            }
            if (!inFlight.compareAndSet(current, current + 1)) {
                continue;
            }
            T item = queue.poll();
            if (item == null) {
                inFlight.decrementAndGet();
                continue;
            }
            Mono<Void> sending;
            try {
                sending = send.apply(item);
            } catch (RuntimeException e) {
                sending = Mono.error(e);
            }
            // Subscribing on another thread keeps a run of sends that finish at once from recursing
            // through drain() until the stack overflows.
            sending.subscribeOn(Schedulers.parallel())
                    .onErrorResume(e -> Mono.empty())
                    .doFinally(signal -> {
                        inFlight.decrementAndGet();
                        drain();
                    })
                    .subscribe();
        }
    }
}
