package dev.parley.pushrelay;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything under {@code parley.push-relay}, checked at start-up; the module README documents each
 * property. A provider section that is absent (null) means the provider is not configured: pushes of
 * that type are refused the way the upstream relay refuses them (400).
 */
@ConfigurationProperties("parley.push-relay")
@Validated
public record PushRelayProperties(
        @Valid @NotNull Internal internal,
        @Valid @NotNull @DefaultValue Http http,
        @Valid Fcm fcm,
        @Valid Apns apns,
        Map<String, @Valid Hms> hms,
        @Valid ThreemaGateway threemaGateway) {

    public PushRelayProperties {
        hms = hms == null ? Map.of() : Map.copyOf(hms);
    }

    /**
     * The internal API on the management port: callers present {@code apiSecret} as a bearer token.
     * Pushes wait in a queue per provider of {@code queueCapacity}; a full queue drops the push.
     */
    public record Internal(
            @NotBlank @Size(min = 32) String apiSecret,
            @DefaultValue("10000") @Min(1) int queueCapacity,
            @DefaultValue("256") @Min(1) int maxConcurrency,
            @DefaultValue("24h") @NotNull Duration ttl,
            @DefaultValue("New message") @NotBlank String apnsAlertBody) {

        @Override
        public String toString() {
            return "Internal[apiSecret=<redacted>, queueCapacity=" + queueCapacity + "]";
        }
    }

    /** Outbound HTTP towards every provider. */
    public record Http(
            @DefaultValue("10s") @NotNull Duration timeout,
            @DefaultValue("1000") @Min(1) int maxConcurrency,
            @DefaultValue("16") @Min(1) int maxConnections) {
    }

    /**
     * Firebase Cloud Messaging HTTP v1 ({@code [fcm]} of the upstream relay). FCM accepts HTTP/2 and
     * HTTP/1.1 alike; over HTTP/1.1 each push needs a connection of its own for its round trip, so
     * that pool ({@code http1MaxConnections}) is sized apart from {@code http.max-connections}.
     */
    public record Fcm(
            @NotBlank String serviceAccountKeyBase64,
            @NotBlank String projectId,
            @DefaultValue("3") @Min(0) int maxRetries,
            @DefaultValue("https://fcm.googleapis.com") @NotNull URI baseUrl,
            URI tokenUri,
            @DefaultValue("h2") @NotNull Protocol protocol,
            @DefaultValue("128") @Min(1) int http1MaxConnections) {

        /** How pushes reach FCM: HTTP/2 ({@code h2}, h2c for {@code http://}) or HTTP/1.1 keep-alive. */
        public enum Protocol {
            H2,
            HTTP1
        }

        @Override
        public String toString() {
            return "Fcm[projectId=" + projectId + ", maxRetries=" + maxRetries + ", baseUrl=" + baseUrl
                    + ", protocol=" + protocol + "]";
        }
    }

    /**
     * Apple Push Notification service with token authentication ({@code [apns]}). Chat pushes go to
     * the topic the app registered when it is in {@code allowedTopics} (by default only
     * {@code internalTopic}), else to {@code internalTopic}: the topic must be one our APNs key may
     * push to, and a client must not be able to pick another app's.
     */
    public record Apns(
            @NotNull Path keyfile,
            @NotBlank String keyId,
            @NotBlank String teamId,
            @DefaultValue("https://api.push.apple.com") @NotNull URI productionUrl,
            @DefaultValue("https://api.sandbox.push.apple.com") @NotNull URI sandboxUrl,
            String internalTopic,
            List<@NotBlank String> allowedTopics) {

        public Apns {
            if (allowedTopics == null || allowedTopics.isEmpty()) {
                allowedTopics = internalTopic == null ? List.of() : List.of(internalTopic);
            } else {
                allowedTopics = List.copyOf(allowedTopics);
            }
        }

        /** The topic of a chat push that asked for {@code requested} (null: none); null when there is none to use. */
        public String chatTopic(String requested) {
            return requested != null && allowedTopics.contains(requested) ? requested : internalTopic;
        }
    }

    /** One Huawei Push Kit app ({@code [hms.<app-id>]}). */
    public record Hms(
            @NotBlank String clientId,
            @NotBlank String clientSecret,
            @DefaultValue("false") boolean highPriority,
            @DefaultValue("https://oauth-login.cloud.huawei.com") @NotNull URI loginUrl,
            @DefaultValue("https://push-api.cloud.huawei.com") @NotNull URI pushUrl) {

        @Override
        public String toString() {
            return "Hms[clientId=" + clientId + ", clientSecret=<redacted>, highPriority=" + highPriority + "]";
        }
    }

    /** Threema Gateway end-to-end mode ({@code [threema_gateway]}). */
    public record ThreemaGateway(
            @DefaultValue("https://msgapi.threema.ch") @NotNull URI baseUrl,
            @NotBlank @Size(min = 8, max = 8) String identity,
            @NotBlank String secret,
            @NotNull Path privateKeyFile) {

        @Override
        public String toString() {
            return "ThreemaGateway[baseUrl=" + baseUrl + ", identity=" + identity + ", secret=<redacted>]";
        }
    }
}
