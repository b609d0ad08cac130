package dev.parley.pushrelay.apns;

import dev.parley.pushrelay.push.ProviderClient;
import dev.parley.pushrelay.push.PushException;
import dev.parley.pushrelay.push.PushException.Kind;
import dev.parley.pushrelay.push.UpstreamResponse;
import dev.parley.pushrelay.push.WireProtocol;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * APNs over HTTP/2 with token authentication, one client per environment. Reasons that concern the
 * device token, its topic or its expiration are the caller's fault (400 on the public API); every
 * other failure is the remote side's (502), as in the upstream relay.
 */
public final class ApnsSender implements AutoCloseable {

    static final Set<String> CLIENT_REASONS = Set.of("ExpiredToken", "BadDeviceToken", "Unregistered",
            "BadEnvironmentKeyIdInToken", "UnrelatedKeyIdInToken", "BadExpirationDate", "BadTopic",
            "DeviceTokenNotForTopic", "TopicDisallowed");
    private static final Set<String> PROVIDER_TOKEN_REASONS = Set.of("ExpiredProviderToken", "InvalidProviderToken");

    private final ApnsTokenSigner signer;
    private final ProviderClient production;
    private final ProviderClient sandbox;
    private final JsonMapper json;

    public ApnsSender(ApnsTokenSigner signer, URI productionUrl, URI sandboxUrl, Duration timeout, int maxConnections,
            JsonMapper json) {
        this.signer = signer;
        this.production = new ProviderClient("apns", productionUrl, timeout, maxConnections, WireProtocol.H2);
        this.sandbox = new ProviderClient("apns-sandbox", sandboxUrl, timeout, maxConnections, WireProtocol.H2);
        this.json = json;
    }

    public Mono<Void> send(ApnsNotification notification) {
        byte[] body = json.writeValueAsBytes(notification.payload());
        String jwt = signer.token();
        ProviderClient client = notification.production() ? production : sandbox;
        // The token comes from the caller: encoded as one path segment it cannot reach another path.
        String path = "/3/device/" + URLEncoder.encode(notification.deviceToken(), StandardCharsets.UTF_8).replace("+", "%20");
        return client.post(path, h -> {
                    h.set(HttpHeaderNames.AUTHORIZATION, "bearer " + jwt);
                    h.set("apns-topic", notification.topic());
                    h.set("apns-push-type", notification.pushType());
                    h.set("apns-priority", "10");
                    h.set("apns-expiration", Long.toString(notification.expiration()));
                    if (notification.collapseId() != null) {
                        h.set("apns-collapse-id", notification.collapseId());
                    }
                    h.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                }, body)
                .flatMap(response -> handle(response, jwt));
    }

    private Mono<Void> handle(UpstreamResponse response, String jwt) {
        if (response.status() == 200) {
            return Mono.empty();
        }
        String reason = reason(response);
        if (CLIENT_REASONS.contains(reason)) {
            return Mono.error(new PushException(Kind.REMOTE_CLIENT, "APNs: " + reason));
        }
        if (PROVIDER_TOKEN_REASONS.contains(reason)) {
            signer.invalidate(jwt);
        }
        return Mono.error(new PushException(Kind.REMOTE_SERVER, "APNs: HTTP " + response.status() + " " + reason));
    }

    private String reason(UpstreamResponse response) {
        try {
            return json.readTree(response.body()).path("reason").asString("");
        } catch (RuntimeException e) {
            return "";
        }
    }

    @Override
    public void close() {
        production.close();
        sandbox.close();
    }
}
