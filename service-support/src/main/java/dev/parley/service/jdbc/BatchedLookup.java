package dev.parley.service.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Coalesces concurrent single-key reads into batched queries. At most {@code maxInFlight} batches
 * run at once (one per pooled connection); keys asked for meanwhile wait and leave together in
 * the next batch. An idle service therefore answers a lone lookup with a query of its own at no
 * added latency, and a busy one pays one round trip, one thread hand-off and one statement for
 * many lookups instead of one each: the same trade as group commit, for reads.
 *
 * <p>The waiting line is bounded: beyond {@code capacity} waiting keys a lookup fails at once
 * with {@link Overloaded} rather than queueing without limit.
 *
 * @param <K> the key, with value semantics (equal keys are asked for once per batch)
 * @param <V> what is found
 */
public final class BatchedLookup<K, V> {

    /** Thrown when more lookups are waiting than the configured capacity. */
    public static final class Overloaded extends RuntimeException {
        Overloaded(String name) {
            super(name + " lookups overloaded", null, false, false);
        }
    }

    private record Waiting<K, V>(K key, MonoSink<Optional<V>> sink) {
    }

    private final String name;
    private final Function<Collection<K>, Mono<Map<K, V>>> query;
    private final int maxBatch;
    private final int maxInFlight;
    private final int capacity;
    private final Queue<Waiting<K, V>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * @param query finds the given keys (each at most once) and maps those that exist to their
     *              value; keys left out of the map complete empty
     */
    public BatchedLookup(String name, Function<Collection<K>, Mono<Map<K, V>>> query, int maxBatch, int maxInFlight,
            int capacity) {
        if (maxBatch < 1 || maxInFlight < 1 || capacity < 1) {
            throw new IllegalArgumentException("batch size, batches in flight and capacity must be positive");
        }
        this.name = name;
        this.query = query;
        this.maxBatch = maxBatch;
        this.maxInFlight = maxInFlight;
        this.capacity = capacity;
    }

    public Mono<Optional<V>> find(K key) {
        return Mono.create(sink -> {
            if (waitingCount.incrementAndGet() > capacity) {
                waitingCount.decrementAndGet();
                sink.error(new Overloaded(name));
                return;
            }
            waiting.add(new Waiting<>(key, sink));
            drain();
        });
    }

    /** Keys waiting for a batch (for metrics and tests). */
    public int waiting() {
        return waitingCount.get();
    }

    /**
     * Starts batches while there are waiting keys and free slots. Both the caller that queued a key
     * and the batch that just finished call this after their own change, so one of them always
     * sees the other's: no key is left waiting with a slot free.
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
            List<Waiting<K, V>> batch = new ArrayList<>();
            Waiting<K, V> next;
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

    private void run(List<Waiting<K, V>> batch) {
        LinkedHashSet<K> keys = new LinkedHashSet<>();
        batch.forEach(w -> keys.add(w.key()));
        Mono<Map<K, V>> found;
        try {
            found = query.apply(keys);
        } catch (RuntimeException e) {
            found = Mono.error(e);
        }
        found.defaultIfEmpty(Map.of()).subscribe(
                map -> {
                    finished();
                    batch.forEach(w -> w.sink().success(Optional.ofNullable(map.get(w.key()))));
                },
                error -> {
                    finished();
                    batch.forEach(w -> w.sink().error(error));
                });
    }

    /** Frees the slot before the callers learn, so the lookups they start next can use it. */
    private void finished() {
        inFlight.decrementAndGet();
        drain();
    }
}
