package dev.parley.pushrelay.push;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Holds one OAuth access token and renews it {@code margin} before it expires. Concurrent callers
 * that find it stale share one renewal instead of each asking the provider.
 */
public final class AccessTokenCache {

    /** A bearer token and the instant it stops being valid. */
    public record AccessToken(String value, Instant expiresAt) {

        @Override
        public String toString() {
            return "AccessToken[expiresAt=" + expiresAt + "]";
        }
    }

    private final Clock clock;
    private final Duration margin;
    private final Supplier<Mono<AccessToken>> fetcher;
    private volatile AccessToken current;
    /** When {@link #current} is to be renewed, in epoch milliseconds: one comparison per push. */
    private volatile long renewAtMillis;
    private Mono<AccessToken> pending;

    public AccessTokenCache(Clock clock, Duration margin, Supplier<Mono<AccessToken>> fetcher) {
        this.clock = clock;
        this.margin = margin;
        this.fetcher = fetcher;
    }

    public Mono<String> token() {
        AccessToken token = current;
        if (token != null && clock.millis() < renewAtMillis) {
            return Mono.just(token.value());
        }
        return Mono.defer(this::renewal).map(AccessToken::value);
    }

    /** Forgets the token, for example after the provider said it is no longer valid. */
    public synchronized void clear() {
        current = null;
    }

    private synchronized Mono<AccessToken> renewal() {
        AccessToken token = current;
        if (isFresh(token)) {
            return Mono.just(token);
        }
        if (pending == null) {
            pending = fetcher.get()
                    .doOnNext(this::store)
                    .doFinally(signal -> clearPending())
                    .cache();
        }
        return pending;
    }

    private synchronized void store(AccessToken fetched) {
        // The instant before the token: whoever reads the new token then reads its instant too.
        renewAtMillis = fetched.expiresAt().minus(margin).toEpochMilli();
        current = fetched;
    }

    private synchronized void clearPending() {
        pending = null;
    }

    private boolean isFresh(AccessToken token) {
        return token != null && clock.instant().isBefore(token.expiresAt().minus(margin));
    }
}
