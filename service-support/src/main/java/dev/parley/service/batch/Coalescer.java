package dev.parley.service.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Coalesces concurrent requests to a backend into batched calls. At most {@code maxInFlight}
 * batches run at once; requests made meanwhile wait and leave together, in the order they came,
 * in the next batch. An idle service therefore sends a lone request at once at no added latency,
 * and a busy one pays one round trip for many requests instead of one each: the same trade as
 * group commit.
 *
 * <p>The waiting line is bounded: beyond {@code capacity} waiting requests a request fails at
 * once with {@link Overloaded} rather than queueing without limit.
 *
 * <p>Thread-safe and lock-free. A batch is started on the thread that queued a request or on the
 * one that completed the previous batch, and answers are delivered on the thread that completes
 * the batch's call.
 *
 * @param <T> a request
 * @param <R> its answer
 */
public final class Coalescer<T, R> {

    /** Thrown when more requests are waiting than the configured capacity. */
    public static final class Overloaded extends RuntimeException {
        Overloaded(String name) {
            super(name + " overloaded", null, false, false);
        }
    }

    private record Waiting<T, R>(T request, MonoSink<R> sink) {
    }

    private final String name;
    private final Function<List<T>, Mono<List<R>>> call;
    private final int maxBatch;
    private final int maxInFlight;
    private final int capacity;
    private final Queue<Waiting<T, R>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * @param call answers a batch of requests, one answer per request in the same order; a null
     *             answer completes its request empty
     */
    public Coalescer(String name, Function<List<T>, Mono<List<R>>> call, int maxBatch, int maxInFlight, int capacity) {
        if (maxBatch < 1 || maxInFlight < 1 || capacity < 1) {
            throw new IllegalArgumentException("batch size, batches in flight and capacity must be positive");
        }
        this.name = name;
        this.call = call;
        this.maxBatch = maxBatch;
        this.maxInFlight = maxInFlight;
        this.capacity = capacity;
    }

    public Mono<R> submit(T request) {
        return Mono.create(sink -> {
            if (waitingCount.incrementAndGet() > capacity) {
                waitingCount.decrementAndGet();
                sink.error(new Overloaded(name));
                return;
            }
            waiting.add(new Waiting<>(request, sink));
            drain();
        });
    }

    /** Requests waiting for a batch (for metrics and tests). */
    public int waiting() {
        return waitingCount.get();
    }

    /**
     * Starts batches while there are waiting requests and free slots. Both the caller that queued
     * a request and the batch that just finished call this after their own change, so one of them
     * always sees the other's: no request is left waiting with a slot free.
     */
    private void drain() {
        while (!waiting.isEmpty()) {
            int running = inFlight.get();
            if (running >= maxInFlight) {
                return;
            }
            if (!inFlight.compareAndSet(running, running + 1)) {
                continue;
            }
            List<Waiting<T, R>> batch = new ArrayList<>();
            Waiting<T, R> next;
            while (batch.size() < maxBatch && (next = waiting.poll()) != null) {
                batch.add(next);
            }
            waitingCount.addAndGet(-batch.size());
            if (batch.isEmpty()) {
                inFlight.decrementAndGet();
                continue;
            }
            run(batch);
        }
    }

    private void run(List<Waiting<T, R>> batch) {
        List<T> requests = new ArrayList<>(batch.size());
        batch.forEach(w -> requests.add(w.request()));
        Mono<List<R>> answers;
        try {
            answers = call.apply(requests);
        } catch (RuntimeException e) {
            answers = Mono.error(e);
        }
        answers.switchIfEmpty(Mono.error(() -> new IllegalStateException(name + " answered nothing")))
                .subscribe(
                        list -> {
                            finished();
                            if (list.size() != batch.size()) {
                                IllegalStateException wrong = new IllegalStateException(
                                        name + " gave " + list.size() + " answers to " + batch.size() + " requests");
                                batch.forEach(w -> w.sink().error(wrong));
                                return;
                            }
                            for (int i = 0; i < batch.size(); i++) {
                                batch.get(i).sink().success(list.get(i));
                            }
                        },
                        error -> {
                            finished();
                            batch.forEach(w -> w.sink().error(error));
                        });
    }

    /** Frees the slot before the callers learn, so the requests they make next can use it. */
    private void finished() {
        inFlight.decrementAndGet();
        drain();
    }
}
