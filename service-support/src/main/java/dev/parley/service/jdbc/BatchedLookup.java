package dev.parley.service.jdbc;

import dev.parley.service.batch.Coalescer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Coalesces concurrent single-key reads into batched queries ({@link Coalescer}): at most
 * {@code maxInFlight} batches run at once (one per pooled connection), keys asked for meanwhile
 * leave together in the next batch, and a key asked for twice in one batch is queried once.
 * Beyond {@code capacity} waiting keys a lookup fails at once with {@link Coalescer.Overloaded}.
 *
 * @param <K> the key, with value semantics
 * @param <V> what is found
 */
public final class BatchedLookup<K, V> {

    private final Coalescer<K, Optional<V>> batches;

    /**
     * @param query finds the given keys (each at most once) and maps those that exist to their
     *              value; keys left out of the map complete empty
     */
    public BatchedLookup(String name, Function<Collection<K>, Mono<Map<K, V>>> query, int maxBatch, int maxInFlight,
            int capacity) {
        this.batches = new Coalescer<>(name + " lookups", keys -> find(query, keys), maxBatch, maxInFlight, capacity);
    }

    private static <K, V> Mono<List<Optional<V>>> find(Function<Collection<K>, Mono<Map<K, V>>> query, List<K> keys) {
        return query.apply(new LinkedHashSet<>(keys)).defaultIfEmpty(Map.of()).map(found -> {
            List<Optional<V>> answers = new ArrayList<>(keys.size());
            keys.forEach(key -> answers.add(Optional.ofNullable(found.get(key))));
            return answers;
        });
    }

    public Mono<Optional<V>> find(K key) {
        return batches.submit(key);
    }

    /** Keys waiting for a batch (for metrics and tests). */
    public int waiting() {
        return batches.waiting();
    }
}
