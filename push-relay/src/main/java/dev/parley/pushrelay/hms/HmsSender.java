package dev.parley.pushrelay.hms;

import dev.parley.pushrelay.PushRelayProperties;
import dev.parley.pushrelay.push.AccessTokenCache;
import dev.parley.pushrelay.push.AccessTokenCache.AccessToken;
import dev.parley.pushrelay.push.ProviderClient;
import dev.parley.pushrelay.push.PushException;
import dev.parley.pushrelay.push.PushException.Kind;
import dev.parley.pushrelay.push.UpstreamResponse;
import dev.parley.pushrelay.push.WireProtocol;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Huawei Push Kit for one app: client-credentials OAuth renewed 180 s before expiry, then
 * {@code /v1/{client_id}/messages:send}. Result codes as the upstream relay reads them.
 */
public final class HmsSender implements AutoCloseable {

    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(180);

    private final PushRelayProperties.Hms config;
    private final ProviderClient login;
    private final ProviderClient push;
    private final Clock clock;
    private final JsonMapper json;
    private final AccessTokenCache tokens;
    private final String pushPath;

    public HmsSender(String appId, PushRelayProperties.Hms config, Duration timeout, int maxConnections, Clock clock,
            JsonMapper json) {
        this.config = config;
        this.login = new ProviderClient("hms-login-" + appId, config.loginUrl(), timeout, 2, WireProtocol.NEGOTIATED);
        this.push = new ProviderClient("hms-" + appId, config.pushUrl(), timeout, maxConnections, WireProtocol.NEGOTIATED);
        this.clock = clock;
        this.json = json;
        this.tokens = new AccessTokenCache(clock, RENEW_BEFORE_EXPIRY, this::fetchToken);
        this.pushPath = "/v1/" + URLEncoder.encode(config.clientId(), StandardCharsets.UTF_8) + "/messages:send";
    }

    /** The message body: data as a JSON string, urgency (HIGH + VOIP only with high priority), ttl, token list. */
    public ObjectNode message(String token, String data, long ttlSeconds) {
        ObjectNode android = JsonNodeFactory.instance.objectNode();
        android.put("urgency", config.highPriority() ? "HIGH" : "NORMAL");
        if (config.highPriority()) {
            android.put("category", "VOIP");
        }
        android.put("ttl", ttlSeconds + "s");
        ArrayNode tokens = JsonNodeFactory.instance.arrayNode().add(token);
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.put("data", data);
        message.set("android", android);
        message.set("token", tokens);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("message", message);
        return root;
    }

    public Mono<Void> send(ObjectNode body) {
        byte[] bytes = json.writeValueAsBytes(body);
        return tokens.token()
                .flatMap(token -> push.post(pushPath, h -> {
                    h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
                    h.set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
                }, bytes))
                .flatMap(this::handle);
    }

    private Mono<Void> handle(UpstreamResponse response) {
        int status = response.status();
        if (status == 400) {
            return Mono.error(new PushException(Kind.REMOTE_CLIENT, "HMS: bad request"));
        }
        if (status == 500 || status == 502 || status == 503) {
            return Mono.error(new PushException(Kind.REMOTE_SERVER, "HMS: HTTP " + status));
        }
        if (status != 200) {
            return Mono.error(new PushException(Kind.INTERNAL, "HMS: unexpected HTTP " + status));
        }
        String code;
        try {
            code = json.readTree(response.body()).path("code").asString("");
        } catch (RuntimeException e) {
            return Mono.error(new PushException(Kind.INTERNAL, "HMS: answer is not JSON"));
        }
        return switch (code) {
            case "80000000" -> Mono.empty();
            case "80100000", "80300007" -> Mono.error(new PushException(Kind.REMOTE_CLIENT, "HMS: invalid token"));
            case "81000001" -> Mono.error(new PushException(Kind.REMOTE_SERVER, "HMS: internal error"));
            case "80200001", "80200003" -> {
                tokens.clear();
                yield Mono.error(new PushException(Kind.REMOTE_SERVER, "HMS: authentication error " + code));
            }
            default -> Mono.error(new PushException(Kind.INTERNAL, "HMS: result code " + code));
        };
    }

    private Mono<AccessToken> fetchToken() {
        Instant requestedAt = clock.instant();
        String form = "grant_type=client_credentials&client_id="
                + URLEncoder.encode(config.clientId(), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(config.clientSecret(), StandardCharsets.UTF_8);
        return login.post("/oauth2/v3/token",
                        h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded"),
                        form.getBytes(StandardCharsets.UTF_8))
                .onErrorMap(e -> !(e instanceof PushException), e -> new PushException(Kind.REMOTE_AUTH,
                        "HMS OAuth: request failed: " + e.getClass().getSimpleName()))
                .map(response -> {
                    if (response.status() != 200) {
                        throw new PushException(Kind.REMOTE_AUTH, "HMS OAuth: HTTP " + response.status());
                    }
                    JsonNode node;
                    try {
                        node = json.readTree(response.body());
                    } catch (RuntimeException e) {
                        throw new PushException(Kind.REMOTE_AUTH, "HMS OAuth: answer is not JSON");
                    }
                    String token = node.path("access_token").asString("");
                    if (token.isEmpty() || !node.path("expires_in").canConvertToLong()) {
                        throw new PushException(Kind.REMOTE_AUTH, "HMS OAuth: answer lacks access_token or expires_in");
                    }
                    return new AccessToken(token, requestedAt.plusSeconds(Math.max(0, node.path("expires_in").asLong())));
                });
    }

    @Override
    public void close() {
        login.close();
        push.close();
    }
}
