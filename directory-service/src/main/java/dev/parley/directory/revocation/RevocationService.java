package dev.parley.directory.revocation;

import dev.parley.common.crypto.ConstantTime;
import dev.parley.directory.DirectoryProperties;
import dev.parley.directory.identity.Identity;
import dev.parley.directory.identity.IdentityService;
import dev.parley.service.jdbc.BlockingJdbc;
import dev.parley.directory.ratelimit.RateLimiter;
import dev.parley.directory.web.ApiException;
import dev.parley.directory.web.RateLimitedException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Revocation keys and revocation itself (PROTOCOLS.md §1.7). */
@Service
public class RevocationService {

    private static final Logger log = LoggerFactory.getLogger(RevocationService.class);

    private final BlockingJdbc jdbc;
    private final RevocationRepository repository;
    private final IdentityService identities;
    private final RevocationEvents events;
    private final RateLimiter rateLimiter;
    private final int attemptsPerDay;

    public RevocationService(BlockingJdbc jdbc, RevocationRepository repository, IdentityService identities,
                             RevocationEvents events, RateLimiter rateLimiter, DirectoryProperties properties) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.identities = identities;
        this.events = events;
        this.rateLimiter = rateLimiter;
        this.attemptsPerDay = properties.revocation().attemptsPerDay();
    }

    public Mono<Boolean> setKey(String id, byte[] key) {
        return jdbc.call(client -> repository.setKey(client, id, key));
    }

    /** Revokes and announces it; false when the identity was unknown or already revoked. */
    public Mono<Boolean> revoke(String id) {
        return jdbc.call(client -> repository.revoke(client, id)).flatMap(revoked -> {
            if (!revoked) {
                return Mono.just(false);
            }
            log.info("identity {} revoked", id);
            return events.published(id).thenReturn(true);
        });
    }

    /**
     * Revocation with the revocation password instead of the identity key: rate-limited per
     * identity before anything is compared, so the 4-byte key cannot be guessed online.
     */
    public Mono<Void> revokeWithKey(String id, byte[] presented) {
        return rateLimiter.tryTake("ws-revoke:" + id, attemptsPerDay, Duration.ofDays(1))
                .flatMap(allowed -> allowed ? identities.find(id) : Mono.error(new RateLimitedException()))
                .filter(Identity::usable)
                .switchIfEmpty(Mono.error(() -> new ApiException("Unknown or revoked identity")))
                .flatMap(identity -> {
                    byte[] stored = identity.revocationKey();
                    if (stored == null || !ConstantTime.equals(stored, presented)) {
                        return Mono.error(new ApiException("Invalid revocation key"));
                    }
                    return revoke(id).then();
                });
    }
}
