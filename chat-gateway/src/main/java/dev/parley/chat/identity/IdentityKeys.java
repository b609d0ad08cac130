package dev.parley.chat.identity;

import dev.parley.chat.ChatProperties;
import dev.parley.common.identity.ThreemaId;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Public keys from the directory's internal API, cached for {@code cacheTtl} so that logins and
 * messages do not each cost a directory round trip. A revocation event drops the entry at once
 * ({@link #evict}); the TTL only bounds how long a missed event could matter.
 */
@Component
public class IdentityKeys {

    private static final int STATE_REVOKED = 2;
    /** Unknown IDs are cached too, briefly, so a client cannot make every message a directory call. */
    private static final Duration UNKNOWN_TTL = Duration.ofSeconds(30);

    private final WebClient directory;
    private final long ttlNanos;
    private final LongSupplier clock = System::nanoTime;
    private final ConcurrentHashMap<ThreemaId, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<PublicIdentity> identity, long expiresAt) {
    }

    public IdentityKeys(ChatProperties properties) {
        ChatProperties.Directory config = properties.directory();
        WebClient.Builder client = WebClient.builder().baseUrl(config.url());
        if (config.apiSecret() != null && !config.apiSecret().isEmpty()) {
            client.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + config.apiSecret());
        }
        this.directory = client.build();
        this.ttlNanos = config.cacheTtl().toNanos();
    }

    /** The identity, or empty when the directory does not know it. Errors when the directory cannot answer. */
    public Mono<Optional<PublicIdentity>> find(ThreemaId id) {
        Cached cached = cache.get(id);
        long now = clock.getAsLong();
        if (cached != null && now - cached.expiresAt() < 0) {
            return Mono.just(cached.identity());
        }
        return directory.get().uri("internal/v1/identities/{id}", id.toString())
                .retrieve()
                .bodyToMono(JsonNode.class)
                .map(json -> Optional.of(new PublicIdentity(id,
                        Base64.getDecoder().decode(json.get("publicKey").stringValue()),
                        json.get("state").intValue() == STATE_REVOKED)))
                .onErrorResume(WebClientResponseException.class, e -> e.getStatusCode() == HttpStatus.NOT_FOUND
                        ? Mono.just(Optional.empty()) : Mono.error(e))
                .doOnNext(found -> cache.put(id, new Cached(found,
                        clock.getAsLong() + (found.isPresent() ? ttlNanos : UNKNOWN_TTL.toNanos()))));
    }

    public void evict(ThreemaId id) {
        cache.remove(id);
    }
}
