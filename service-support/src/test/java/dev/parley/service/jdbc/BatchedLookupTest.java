package dev.parley.service.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import dev.parley.service.batch.Coalescer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

class BatchedLookupTest {

    /** A query whose batches the test releases by hand, recording which keys each one asked for. */
    private static final class HeldQuery {
        final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        final List<Sinks.One<Map<Integer, String>>> open = new CopyOnWriteArrayList<>();

        Mono<Map<Integer, String>> apply(Collection<Integer> keys) {
            batches.add(List.copyOf(keys));
            Sinks.One<Map<Integer, String>> sink = Sinks.one();
            open.add(sink);
            return sink.asMono();
        }

        void release(int batch) {
            Map<Integer, String> found = new HashMap<>();
            batches.get(batch).stream().filter(k -> k % 2 == 0).forEach(k -> found.put(k, "v" + k));
            open.get(batch).tryEmitValue(found);
        }
    }

    private static Optional<String> await(Mono<Optional<String>> lookup) {
        return lookup.block(Duration.ofSeconds(5));
    }

    @Test
    void aLoneLookupGoesOutAtOnce() {
        HeldQuery query = new HeldQuery();
        BatchedLookup<Integer, String> lookup = new BatchedLookup<>("test", query::apply, 100, 2, 1000);
        var first = lookup.find(2).toFuture();
        assertThat(query.batches).containsExactly(List.of(2));
        query.release(0);
        assertThat(first.join()).contains("v2");
    }

    @Test
    void lookupsWaitingForAFreeSlotLeaveTogetherAndMissingKeysAreEmpty() {
        HeldQuery query = new HeldQuery();
        BatchedLookup<Integer, String> lookup = new BatchedLookup<>("test", query::apply, 100, 1, 1000);
        var first = lookup.find(0).toFuture();
        var waiting = List.of(lookup.find(4).toFuture(), lookup.find(5).toFuture(), lookup.find(4).toFuture(),
                lookup.find(6).toFuture());
        assertThat(query.batches).hasSize(1);
        assertThat(lookup.waiting()).isEqualTo(4);

        query.release(0);
        assertThat(first.join()).contains("v0");
        // The four waiting lookups went out as one batch, the repeated key once.
        assertThat(query.batches).hasSize(2);
        assertThat(query.batches.get(1)).containsExactly(4, 5, 6);
        query.release(1);
        assertThat(waiting.stream().map(f -> f.join()).toList())
                .containsExactly(Optional.of("v4"), Optional.empty(), Optional.of("v4"), Optional.of("v6"));
        assertThat(lookup.waiting()).isZero();
    }

    @Test
    void batchesAreCappedInSize() {
        HeldQuery query = new HeldQuery();
        BatchedLookup<Integer, String> lookup = new BatchedLookup<>("test", query::apply, 3, 1, 1000);
        lookup.find(100).subscribe();
        for (int i = 0; i < 7; i++) {
            lookup.find(i).subscribe();
        }
        query.release(0);
        query.release(1);
        query.release(2);
        query.release(3);
        assertThat(query.batches).containsExactly(List.of(100), List.of(0, 1, 2), List.of(3, 4, 5), List.of(6));
    }

    @Test
    void aFailedBatchFailsItsLookupsAndTheNextBatchStillRuns() {
        HeldQuery query = new HeldQuery();
        BatchedLookup<Integer, String> lookup = new BatchedLookup<>("test", query::apply, 100, 1, 1000);
        var failing = lookup.find(2).toFuture();
        var next = lookup.find(4).toFuture();
        query.open.get(0).tryEmitError(new IllegalStateException("database gone"));
        assertThat(failing).failsWithin(Duration.ofSeconds(5)).withThrowableThat().withMessageContaining("database gone");
        query.release(1);
        assertThat(next.join()).contains("v4");
    }

    @Test
    void beyondCapacityALookupFailsAtOnce() {
        HeldQuery query = new HeldQuery();
        BatchedLookup<Integer, String> lookup = new BatchedLookup<>("test", query::apply, 100, 1, 2);
        lookup.find(0).subscribe();
        lookup.find(1).subscribe();
        lookup.find(2).subscribe();
        assertThatThrownBy(() -> await(lookup.find(3))).isInstanceOf(Coalescer.Overloaded.class);
        query.release(0);
        query.release(1);
        var after = lookup.find(8).toFuture();
        query.release(2);
        assertThat(after.join()).contains("v8");
    }

    @Test
    void manyThreadsLookingUpAtOnceAllGetTheirAnswers() throws Exception {
        // Real asynchrony: each batch completes on another thread after a short pause.
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        BatchedLookup<Integer, String> lookup = new BatchedLookup<>("test", keys -> {
            batchSizes.add(keys.size());
            Map<Integer, String> found = new HashMap<>();
            keys.forEach(k -> found.put(k, "v" + k));
            return Mono.just(found).delayElement(Duration.ofMillis(1), Schedulers.parallel());
        }, 50, 2, 100_000);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Boolean>>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int base = t * 1000;
            results.add(threads.submit(() -> {
                start.await();
                List<Boolean> ok = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    int key = base + i;
                    ok.add(await(lookup.find(key)).equals(Optional.of("v" + key)));
                }
                return ok;
            }));
        }
        start.countDown();
        for (Future<List<Boolean>> result : results) {
            assertThat(result.get(30, TimeUnit.SECONDS)).hasSize(200).containsOnly(true);
        }
        threads.shutdown();
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1600);
        assertThat(batchSizes).as("concurrent lookups shared batches").anyMatch(size -> size > 1);
        assertThat(lookup.waiting()).isZero();
    }
}
