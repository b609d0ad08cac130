package dev.parley.chat.push;

import dev.parley.chat.ChatProperties;
import dev.parley.chat.persistence.RedisKeys;
import dev.parley.common.identity.ThreemaId;
import dev.parley.service.jdbc.BlockingJdbc;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Wakes an offline receiver's devices through the push relay's internal API
 * ({@code POST internal/v1/push}, push-relay README) with every regular push token it registered.
 * Coalesced per identity: within {@code coalesce} of a push, further messages push nothing (a
 * Redis key shared by all nodes), because one wake-up makes the app fetch its whole queue.
 *
 * <p>FCM, HMS and plain APNs tokens get a wake-up with no message data: the app learns what arrived
 * by connecting. The iOS app's mutable-content APNs tokens (0x05/0x06) carry a key, and their push
 * names the message in a box sealed with it ({@link ApnsPayloadSealer}), so the app can show who
 * wrote before it has connected. Because of the coalescing that is the first message of the window;
 * the app fetches the rest with the queue. A mutable-content token that does not parse gets nothing
 * (counted as {@code malformed_token}): without its key there is nothing the app could open, and
 * an alert it cannot explain helps no one.
 */
@Component
public class PushNotifier {

    private static final Logger log = LoggerFactory.getLogger(PushNotifier.class);

    private final WebClient relay;
    private final BlockingJdbc jdbc;
    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final ChatProperties.Push config;
    private final MeterRegistry meters;

    private record Token(int type, byte[] token) {
    }

    public PushNotifier(ChatProperties properties, BlockingJdbc jdbc, ReactiveStringRedisTemplate redis, RedisKeys keys,
                        MeterRegistry meters) {
        this.config = properties.push();
        this.jdbc = jdbc;
        this.redis = redis;
        this.keys = keys;
        this.meters = meters;
        WebClient.Builder builder = WebClient.builder();
        if (config.relayUrl() != null && !config.relayUrl().isBlank()) {
            builder.baseUrl(config.relayUrl());
        }
        if (config.apiSecret() != null && !config.apiSecret().isBlank()) {
            builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + config.apiSecret());
        }
        this.relay = builder.build();
    }

    public boolean enabled() {
        return config.relayUrl() != null && !config.relayUrl().isBlank();
    }

    /**
     * Pushes to the identity's devices about {@code message} unless it was pushed within the
     * coalescing window. Never errors.
     */
    public Mono<Void> wake(ThreemaId identity, PushedMessage message) {
        if (!enabled()) {
            return Mono.empty();
        }
        return redis.opsForValue().setIfAbsent(keys.key("push:" + identity), "1", config.coalesce())
                .filter(Boolean::booleanValue)
                .flatMap(first -> jdbc.call(client -> client.sql(
                                "SELECT token_type, token FROM push_tokens WHERE identity = ? AND kind = ?")
                        .params(identity.toString(), PushTokens.Kind.REGULAR.ordinal())
                        .query((rs, row) -> new Token(rs.getInt("token_type"), rs.getBytes("token"))).list()))
                .flatMapMany(Flux::fromIterable)
                .flatMap(token -> send(identity, token, message))
                .then()
                .onErrorResume(e -> {
                    log.warn("push for an offline receiver failed: {}", e.toString());
                    return Mono.empty();
                });
    }

    private Mono<Void> send(ThreemaId identity, Token token, PushedMessage message) {
        Optional<Map<String, Object>> body = RelayPushBody.of(identity, token.type(), token.token(), message);
        if (body.isEmpty()) {
            count("malformed_token");
            return Mono.empty();
        }
        return relay.post().uri("internal/v1/push").contentType(MediaType.APPLICATION_JSON).bodyValue(body.get())
                .retrieve().toBodilessEntity()
                .doOnSuccess(r -> count("sent"))
                .doOnError(e -> count("failed"))
                .onErrorResume(e -> Mono.empty())
                .then();
    }

    private void count(String outcome) {
        meters.counter("parley.chat.pushes", "outcome", outcome).increment();
    }
}
