package dev.parley.service.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** What BatchedLookup's tests do not cover: answers by position, duplicates kept, broken backends. */
class CoalescerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** A backend whose calls the test completes by hand. */
    private static final class HeldCall {
        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        final List<Sinks.One<List<String>>> open = new CopyOnWriteArrayList<>();

        Mono<List<String>> apply(List<String> requests) {
            batches.add(List.copyOf(requests));
            Sinks.One<List<String>> sink = Sinks.one();
            open.add(sink);
            return sink.asMono();
        }
    }

    @Test
    void eachRequestGetsTheAnswerInItsPositionAndEqualRequestsAreNotMerged() {
        HeldCall backend = new HeldCall();
        Coalescer<String, String> coalescer = new Coalescer<>("test", backend::apply, 10, 1, 100);

        Mono<String> first = coalescer.submit("a").cache();
        first.subscribe();
        List<Mono<String>> waiting = List.of("b", "b", "c").stream().map(r -> coalescer.submit(r).cache()).toList();
        waiting.forEach(Mono::subscribe);
        assertThat(coalescer.waiting()).isEqualTo(3);

        backend.open.get(0).tryEmitValue(List.of("A"));
        assertThat(first.block(WAIT)).isEqualTo("A");
        assertThat(backend.batches).containsExactly(List.of("a"), List.of("b", "b", "c"));
        backend.open.get(1).tryEmitValue(List.of("B1", "B2", "C"));
        assertThat(waiting.stream().map(m -> m.block(WAIT))).containsExactly("B1", "B2", "C");
    }

    @Test
    void aBackendThatMiscountsOrAnswersNothingFailsItsBatchAndTheNextStillRuns() {
        HeldCall backend = new HeldCall();
        Coalescer<String, String> coalescer = new Coalescer<>("test", backend::apply, 10, 1, 100);

        Mono<String> miscounted = coalescer.submit("a").cache();
        miscounted.subscribe(v -> { }, e -> { });
        backend.open.get(0).tryEmitValue(List.of("A", "extra"));
        assertThatThrownBy(() -> miscounted.block(WAIT)).hasMessageContaining("2 answers to 1 requests");

        Mono<String> unanswered = coalescer.submit("b").cache();
        unanswered.subscribe(v -> { }, e -> { });
        backend.open.get(1).tryEmitEmpty();
        assertThatThrownBy(() -> unanswered.block(WAIT)).hasMessageContaining("answered nothing");

        Mono<String> next = coalescer.submit("c").cache();
        next.subscribe();
        backend.open.get(2).tryEmitValue(List.of("C"));
        assertThat(next.block(WAIT)).isEqualTo("C");
    }
}
