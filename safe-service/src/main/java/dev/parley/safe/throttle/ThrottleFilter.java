package dev.parley.safe.throttle;

import dev.parley.safe.SafeProperties;
import dev.parley.safe.backup.BackupId;
import dev.parley.safe.backup.SafeResponses;
import dev.parley.safe.persistence.RedisKeys;
import dev.parley.service.ratelimit.TokenBuckets;
import dev.parley.service.ratelimit.TokenBuckets.Bucket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Takes a token from the client's bucket and, on {@code backups/<id>}, from the backup's bucket,
 * in one Redis call. Without both: 429 with {@code Retry-After} in seconds. When Redis cannot
 * answer the request is refused with 503 rather than let through unthrottled.
 */
@Component
public class ThrottleFilter implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    private static final Logger log = LoggerFactory.getLogger(ThrottleFilter.class);
    /** The bodies of a refusal (429) and of an unavailable limiter (503, a {@link SafeResponses#error} message). */
    public static final String REFUSED = "rate limit exceeded\n";
    public static final String UNAVAILABLE = "temporarily unavailable";

    private final SafeProperties.Throttle settings;
    private final TokenBuckets buckets;
    private final ClientAddresses addresses;
    private final RedisKeys keys;
    private final Counter rejected;

    public ThrottleFilter(SafeProperties properties, ReactiveStringRedisTemplate redis, ClientAddresses addresses,
            RedisKeys keys, MeterRegistry meters) {
        this.settings = properties.throttle();
        this.buckets = new TokenBuckets(redis);
        this.addresses = addresses;
        this.keys = keys;
        this.rejected = Counter.builder("parley.safe.throttle.rejections")
                .description("Requests refused with 429 by the token buckets")
                .register(meters);
    }

    @Override
    public Mono<ServerResponse> filter(ServerRequest request, HandlerFunction<ServerResponse> next) {
        if (!settings.enabled()) {
            return next.handle(request);
        }
        Optional<BackupId> id = Optional.ofNullable(request.pathVariables().get("id")).flatMap(BackupId::parse);
        return take(request.exchange().getRequest(), id).flatMap(wait -> {
            if (wait.isZero()) {
                return next.handle(request);
            }
            if (wait.isNegative()) {
                return SafeResponses.error(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE);
            }
            return ServerResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(wait.toSeconds()))
                    .contentType(MediaType.TEXT_PLAIN)
                    .bodyValue(REFUSED);
        });
    }

    /**
     * Takes the tokens of one request: zero when it may pass, how long to wait when it is
     * refused (counted), negative when Redis cannot answer. Always zero when throttling is off.
     */
    public Mono<Duration> take(ServerHttpRequest request, Optional<BackupId> backup) {
        if (!settings.enabled()) {
            return Mono.just(Duration.ZERO);
        }
        List<Bucket> claims = new ArrayList<>(2);
        claims.add(bucket("throttle:ip:" + addresses.clientKey(request), settings.ip()));
        backup.ifPresent(id -> claims.add(bucket("throttle:backup:" + id.hex(), settings.backup())));
        return buckets.take(claims)
                .onErrorResume(e -> {
                    log.warn("Rate limiter unavailable, refusing request: {}", e.getClass().getSimpleName());
                    return Mono.just(Duration.ofSeconds(-1));
                })
                .doOnNext(wait -> {
                    if (!wait.isZero() && !wait.isNegative()) {
                        rejected.increment();
                    }
                });
    }

    private Bucket bucket(String name, SafeProperties.Bucket settings) {
        return new Bucket(keys.key(name), settings.capacity(), settings.refillInterval());
    }
}
