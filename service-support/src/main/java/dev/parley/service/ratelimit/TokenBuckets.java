package dev.parley.service.ratelimit;

import dev.parley.service.batch.Coalescer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * Token buckets in Redis, checked and taken atomically by a Lua script, so every node of a service
 * shares the same budget. The script reads the Redis server's clock, so nodes with skewed clocks
 * agree, and keys each bucket's state with an expiry of one full refill, so Redis holds a client
 * address no longer than its bucket matters.
 *
 * <p>Requests made while a call is in flight leave together in the next one ({@link Coalescer}),
 * decided one after the other in the order they came, exactly as separate calls would have been:
 * a busy service pays one round trip and one script run for many requests, which is most of what
 * a token costs Redis and the service.
 *
 * <p>Under Redis Cluster all keys of one call must share a hash slot: give the key prefix a hash
 * tag such as {@code {safe}:}.
 */
public final class TokenBuckets {

    // Loaded once as text: a resource-backed script would check the resource's modification
    // time on every call.
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> SCRIPT = RedisScript.of(load("token-buckets.lua"), List.class);

    /** Calls in flight at once: one, so that what arrives meanwhile forms the next batch. */
    private static final int IN_FLIGHT = 1;
    private static final int MAX_BATCH = 128;
    /** Requests waiting beyond this fail (their callers answer 503) instead of queueing on. */
    private static final int MAX_WAITING = 10_000;

    private final ReactiveStringRedisTemplate redis;
    private final Coalescer<List<Bucket>, Duration> calls;

    public TokenBuckets(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
        this.calls = new Coalescer<>("token buckets", this::takeAll, MAX_BATCH, IN_FLIGHT, MAX_WAITING);
    }

    /**
     * One bucket: its Redis key, how many tokens it holds when full, and how long it takes to
     * gain one token back.
     */
    public record Bucket(String key, int capacity, Duration refillInterval) {

        public Bucket {
            if (capacity < 1 || refillInterval.isNegative() || refillInterval.isZero()) {
                throw new IllegalArgumentException("a bucket needs a capacity and a positive refill interval");
            }
        }

        /** A bucket that refills completely, evenly, over {@code period}. */
        public static Bucket refilledOver(String key, int capacity, Duration period) {
            return new Bucket(key, capacity, period.dividedBy(capacity));
        }

        long microsPerToken() {
            return Math.max(1, refillInterval.toNanos() / 1000);
        }
    }

    /** Emits {@link Duration#ZERO} when every bucket had a token (now taken from each), else how long to wait. */
    public Mono<Duration> take(List<Bucket> buckets) {
        if (buckets.isEmpty()) {
            return Mono.just(Duration.ZERO);
        }
        return calls.submit(buckets);
    }

    /** Takes a token from one bucket: true when it had one. */
    public Mono<Boolean> tryTake(Bucket bucket) {
        return take(List.of(bucket)).map(Duration::isZero);
    }

    private Mono<List<Duration>> takeAll(List<List<Bucket>> requests) {
        Map<String, Integer> keyIndex = new HashMap<>();
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(requests.size()));
        for (List<Bucket> request : requests) {
            args.add(Integer.toString(request.size()));
            for (Bucket bucket : request) {
                Integer index = keyIndex.get(bucket.key());
                if (index == null) {
                    keys.add(bucket.key());
                    index = keys.size();
                    keyIndex.put(bucket.key(), index);
                }
                args.add(Integer.toString(index));
                args.add(Integer.toString(bucket.capacity()));
                args.add(Long.toString(bucket.microsPerToken()));
            }
        }
        return redis.execute(SCRIPT, keys, args)
                .<Object>flatMapIterable(TokenBuckets::elements)
                .map(wait -> Duration.ofSeconds(((Number) wait).longValue()))
                .collectList();
    }

    /** Depending on the driver, a script's array reply arrives as one list or element by element. */
    private static Iterable<?> elements(Object reply) {
        return reply instanceof List<?> list ? list : List.of(reply);
    }

    private static String load(String name) {
        try (InputStream in = TokenBuckets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
