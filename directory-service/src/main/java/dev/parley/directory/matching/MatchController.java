package dev.parley.directory.matching;

import dev.parley.common.crypto.CryptoRandom;
import dev.parley.directory.DirectoryProperties;
import dev.parley.directory.challenge.ChallengeFlow;
import dev.parley.directory.identity.IdentityService;
import dev.parley.directory.matching.LinkedAddressRepository.Kind;
import dev.parley.directory.matching.LinkedAddressRepository.Match;
import dev.parley.service.jdbc.BlockingJdbc;
import dev.parley.directory.persistence.RedisKeys;
import dev.parley.directory.ratelimit.RateLimiter;
import dev.parley.directory.web.ApiException;
import dev.parley.directory.web.JsonRequest;
import dev.parley.directory.web.RateLimitedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Contact matching (PROTOCOLS.md §1.5). The submitted hashes live only in this request: they
 * are query parameters of one SELECT and are never stored or logged. A match answers only with
 * hashes the caller submitted, for linked and verified addresses.
 */
@RestController
public class MatchController {

    static final int CHECK_INTERVAL_SECONDS = 86_400;

    private final ChallengeFlow challenge;
    private final IdentityService identities;
    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final BlockingJdbc jdbc;
    private final LinkedAddressRepository linked;
    private final RateLimiter rateLimiter;
    private final DirectoryProperties.Matching config;

    public MatchController(ChallengeFlow challenge, IdentityService identities, ReactiveStringRedisTemplate redis,
                           RedisKeys keys, BlockingJdbc jdbc, LinkedAddressRepository linked, RateLimiter rateLimiter,
                           DirectoryProperties properties) {
        this.challenge = challenge;
        this.identities = identities;
        this.redis = redis;
        this.keys = keys;
        this.jdbc = jdbc;
        this.linked = linked;
        this.rateLimiter = rateLimiter;
        this.config = properties.matching();
    }

    @PostMapping("identity/match_token")
    public Mono<Map<String, Object>> matchToken(@RequestBody JsonNode body) {
        JsonRequest request = JsonRequest.of(body);
        String id = request.identity("identity");
        return challenge.run(request, "identity/match_token", id, identities.challengeKey(id), () -> {
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(CryptoRandom.bytes(24));
            return redis.opsForValue().set(tokenKey(token), id, config.tokenTtl())
                    .thenReturn(Map.of("success", true, "matchToken", token));
        });
    }

    @PostMapping("identity/match")
    public Mono<Map<String, Object>> match(@RequestBody JsonNode body) {
        JsonRequest request = JsonRequest.of(body);
        String matchToken = request.optString("matchToken", 64);
        List<byte[]> emailHashes = hashes(request, "emailHashes");
        List<byte[]> phoneHashes = hashes(request, "mobileNoHashes");
        boolean includeInactive = request.optBoolean("includeInactive");
        Mono<Void> allowed = matchToken == null
                ? Mono.error(new ApiException("Match token required"))
                : redis.opsForValue().get(tokenKey(matchToken))
                        .switchIfEmpty(Mono.error(() -> new ApiException("Invalid match token")))
                        .flatMap(identity -> rateLimiter.tryTake("match:" + identity, config.matchesPerTokenPerDay(),
                                Duration.ofDays(1)))
                        .flatMap(ok -> ok ? Mono.<Void>empty() : Mono.error(new RateLimitedException()));
        return allowed.then(jdbc.call(client -> {
            Map<String, Map<String, Object>> byIdentity = new LinkedHashMap<>();
            collect(byIdentity, linked.match(client, Kind.EMAIL, emailHashes, includeInactive), "emailHash");
            collect(byIdentity, linked.match(client, Kind.PHONE, phoneHashes, includeInactive), "mobileNoHash");
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("checkInterval", CHECK_INTERVAL_SECONDS);
            result.put("identities", new ArrayList<>(byIdentity.values()));
            return result;
        }));
    }

    private List<byte[]> hashes(JsonRequest request, String field) {
        List<String> encoded = request.optStrings(field, config.maxHashes(), 44);
        List<byte[]> hashes = new ArrayList<>(encoded.size());
        for (String value : encoded) {
            byte[] hash = JsonRequest.decodeBase64(value, field);
            if (hash.length == 32) {
                hashes.add(hash);
            }
        }
        return hashes;
    }

    private static void collect(Map<String, Map<String, Object>> byIdentity, List<Match> matches, String hashField) {
        for (Match match : matches) {
            Map<String, Object> entry = byIdentity.computeIfAbsent(match.identity(), id -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("identity", id);
                json.put("publicKey", Base64.getEncoder().encodeToString(match.publicKey()));
                return json;
            });
            entry.put(hashField, Base64.getEncoder().encodeToString(match.hash()));
        }
    }

    private String tokenKey(String token) {
        return keys.key("match-token:" + token);
    }
}
