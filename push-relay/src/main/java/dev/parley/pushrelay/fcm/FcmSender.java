package dev.parley.pushrelay.fcm;

import dev.parley.pushrelay.push.AccessTokenCache;
import dev.parley.pushrelay.push.AccessTokenCache.AccessToken;
import dev.parley.pushrelay.push.Jwt;
import dev.parley.pushrelay.push.ProviderClient;
import dev.parley.pushrelay.push.PushException;
import dev.parley.pushrelay.push.PushException.Kind;
import dev.parley.pushrelay.push.RetrySleeper;
import dev.parley.pushrelay.push.UpstreamResponse;
import dev.parley.pushrelay.push.WireProtocol;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;
import reactor.core.publisher.Mono;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * FCM HTTP v1 {@code messages:send} with an OAuth2 token from the service-account JWT grant
 * (RFC 7523). Status handling follows the upstream relay: 400/404/401/402 are client errors, 429 and
 * 5xx are retried up to {@code maxRetries} times, anything else from 300 up is a server error, and a
 * 2xx must carry JSON with {@code name}.
 */
public final class FcmSender implements AutoCloseable {

    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    static final Duration TOKEN_MARGIN = Duration.ofMinutes(1);
    static final Duration UNPARSABLE_RETRY_AFTER = Duration.ofSeconds(60);

    private final FcmServiceAccount account;
    private final String sendPath;
    private final int maxRetries;
    private final ProviderClient fcm;
    private final ProviderClient.Endpoint send;
    private final ProviderClient oauth;
    private final String oauthPath;
    private final Clock clock;
    private final RetrySleeper sleeper;
    private final LongUnaryOperator backoffMillis;
    private final JsonMapper json;
    private final AccessTokenCache tokens;
    private volatile Authorization authorization;

    /**
     * {@code protocol} is {@link WireProtocol#H2} or {@link WireProtocol#HTTP1}; over HTTP/1.1
     * {@code maxConnections} is also the number of pushes that can be on the wire at once.
     */
    public FcmSender(FcmServiceAccount account, String projectId, int maxRetries, URI baseUrl, WireProtocol protocol,
            Duration timeout, int maxConnections, Clock clock, RetrySleeper sleeper, JsonMapper json) {
        this(account, projectId, maxRetries, baseUrl, protocol, timeout, maxConnections, clock, sleeper, json,
                FcmSender::jitteredBackoffMillis);
    }

    FcmSender(FcmServiceAccount account, String projectId, int maxRetries, URI baseUrl, WireProtocol protocol,
            Duration timeout, int maxConnections, Clock clock, RetrySleeper sleeper, JsonMapper json,
            LongUnaryOperator backoffMillis) {
        this.account = account;
        this.sendPath = "/v1/projects/" + URLEncoder.encode(projectId, StandardCharsets.UTF_8) + "/messages:send";
        this.maxRetries = maxRetries;
        this.fcm = new ProviderClient("fcm", baseUrl, timeout, maxConnections, protocol);
        this.send = fcm.endpoint(sendPath);
        URI tokenUri = account.tokenUri();
        this.oauth = new ProviderClient("fcm-oauth", URI.create(tokenUri.getScheme() + "://" + tokenUri.getRawAuthority()),
                timeout, 2, WireProtocol.NEGOTIATED);
        this.oauthPath = tokenUri.getRawPath() + (tokenUri.getRawQuery() == null ? "" : "?" + tokenUri.getRawQuery());
        this.clock = clock;
        this.sleeper = sleeper;
        this.backoffMillis = backoffMillis;
        this.json = json;
        this.tokens = new AccessTokenCache(clock, TOKEN_MARGIN, this::fetchToken);
    }

    public Mono<Void> send(FcmMessage message) {
        return attempt(message.toJson(), 0);
    }

    private Mono<Void> attempt(byte[] body, int tryCounter) {
        return tokens.token()
                .flatMap(token -> {
                    String authorization = authorization(token);
                    return send.post(h -> {
                        h.set(HttpHeaderNames.AUTHORIZATION, authorization);
                        h.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                    }, body);
                })
                .flatMap(response -> handle(response, body, tryCounter));
    }

    private Mono<Void> handle(UpstreamResponse response, byte[] body, int tryCounter) {
        int status = response.status();
        if (status == 400 || status == 404) {
            return Mono.error(new PushException(Kind.REMOTE_CLIENT, "FCM: token or payload invalid, HTTP " + status));
        }
        if (status == 401 || status == 402) {
            return Mono.error(new PushException(Kind.REMOTE_CLIENT, "FCM: unrecoverable HTTP " + status));
        }
        if (status == 429 || status >= 500) {
            if (tryCounter >= maxRetries) {
                return Mono.error(new PushException(Kind.REMOTE_SERVER, "FCM: retries exhausted, last HTTP " + status));
            }
            return sleeper.sleep(retryDelay(response.retryAfter(), tryCounter))
                    .then(Mono.defer(() -> attempt(body, tryCounter + 1)));
        }
        if (status >= 300) {
            return Mono.error(new PushException(Kind.REMOTE_SERVER, "FCM: unexpected HTTP " + status));
        }
        boolean named;
        try {
            named = hasStringName(response.body());
        } catch (RuntimeException e) {
            return Mono.error(new PushException(Kind.INTERNAL, "FCM: 2xx answer is not JSON"));
        }
        if (!named) {
            return Mono.error(new PushException(Kind.INTERNAL, "FCM: 2xx answer without name"));
        }
        return Mono.empty();
    }

    /** "Bearer …" once per token rather than once per push. */
    private String authorization(String token) {
        Authorization last = authorization;
        if (last == null || !last.token().equals(token)) {
            last = new Authorization(token, "Bearer " + token);
            authorization = last;
        }
        return last.header();
    }

    private record Authorization(String token, String header) {
    }

    /**
     * Whether the answer is a JSON object whose top-level {@code name} (the last one, as a tree would
     * keep it) is a string. Streamed rather than read into a tree, and still parsed to the end, so a
     * malformed answer fails as before. Throws on anything that is not JSON.
     */
    private boolean hasStringName(byte[] body) {
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return false;
            }
            boolean named = false;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                boolean isName = "name".equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (isName) {
                    named = value == JsonToken.VALUE_STRING;
                }
                parser.skipChildren();
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new PushException(Kind.INTERNAL, "FCM: malformed answer");
            }
            return named;
        }
    }

    /** Retry-After in seconds wins; an unparsable one means 60 s; otherwise 2^n s with ±8 % jitter. */
    Duration retryDelay(String retryAfter, int tryCounter) {
        if (retryAfter != null) {
            try {
                return Duration.ofSeconds(Long.parseUnsignedLong(retryAfter.trim()));
            } catch (NumberFormatException e) {
                return UNPARSABLE_RETRY_AFTER;
            }
        }
        return Duration.ofMillis(backoffMillis.applyAsLong(tryCounter));
    }

    static long jitteredBackoffMillis(long tryCounter) {
        long base = (1L << Math.min(tryCounter, 30)) * 1000;
        long deviation = base / 100 * 8;
        return ThreadLocalRandom.current().nextLong(base - deviation, base + deviation);
    }

    private Mono<AccessToken> fetchToken() {
        Instant now = clock.instant();
        ObjectNode header = JsonNodeFactory.instance.objectNode().put("alg", "RS256").put("typ", "JWT");
        ObjectNode claims = JsonNodeFactory.instance.objectNode()
                .put("iss", account.clientEmail())
                .put("scope", SCOPE)
                .put("aud", account.tokenUri().toString())
                .put("iat", now.getEpochSecond())
                .put("exp", now.plus(TOKEN_LIFETIME).getEpochSecond());
        String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&assertion=" + Jwt.sign(header, claims, account.privateKey());
        return oauth.post(oauthPath, h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded"),
                        form.getBytes(StandardCharsets.US_ASCII))
                .onErrorMap(e -> !(e instanceof PushException), e -> new PushException(Kind.REMOTE_AUTH,
                        "FCM OAuth: request failed: " + e.getClass().getSimpleName()))
                .map(response -> parseToken(response, now));
    }

    private AccessToken parseToken(UpstreamResponse response, Instant requestedAt) {
        if (response.status() != 200) {
            throw new PushException(Kind.REMOTE_AUTH, "FCM OAuth: HTTP " + response.status());
        }
        JsonNode node;
        try {
            node = json.readTree(response.body());
        } catch (RuntimeException e) {
            throw new PushException(Kind.REMOTE_AUTH, "FCM OAuth: answer is not JSON");
        }
        String token = node.path("access_token").asString("");
        long expiresIn = node.path("expires_in").asLong(0);
        if (token.isEmpty() || expiresIn <= 0) {
            throw new PushException(Kind.REMOTE_AUTH, "FCM OAuth: answer lacks access_token or expires_in");
        }
        return new AccessToken(token, requestedAt.plusSeconds(expiresIn));
    }

    @Override
    public void close() {
        fcm.close();
        oauth.close();
    }
}
