package dev.parley.chat;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Everything under {@code parley.chat}, checked at start-up; the module README documents each property. */
@ConfigurationProperties("parley.chat")
@Validated
public record ChatProperties(
        @Valid @NotNull Database database,
        @Valid @NotNull Redis redis,
        @Valid @NotNull Internal internal,
        @Valid @NotNull Csp csp,
        @Valid @DefaultValue Keys keys,
        @Valid @DefaultValue Directory directory,
        @Valid @DefaultValue Messages messages,
        @Valid @DefaultValue Push push) {

    /** PostgreSQL: the schema this service owns; Flyway creates and migrates it. */
    public record Database(@NotNull @Pattern(regexp = "[a-z_][a-z0-9_]{0,62}") String schema) {
    }

    /** Redis: every key this service writes starts with {@code keyPrefix}, so services can share one Redis. */
    public record Redis(@NotBlank String keyPrefix) {
    }

    /**
     * The chat server protocol listener: its port (0 picks a free one), further ports that serve
     * the same protocol (clients try 5222, then 443), how long a client may
     * take from connecting to a verified login, and how many event-loop threads serve it (0: one
     * per core). A logged-in connection that sends nothing for {@code idleTimeout} (until the
     * client sets its own, 30–600 s) is closed; one that allows server echo requests gets one after
     * {@code echoAfter} of quiet (at most half its idle timeout), so a live client that only listens
     * stays connected and a half-open connection is found.
     */
    public record Csp(@Min(0) @Max(65535) int port,
                      @DefaultValue List<@Min(0) @Max(65535) Integer> extraPorts,
                      @DefaultValue("10s") @NotNull Duration handshakeTimeout,
                      @DefaultValue("0") @Min(0) int ioThreads,
                      @DefaultValue("300s") @NotNull Duration idleTimeout,
                      @DefaultValue("60s") @NotNull Duration echoAfter) {
    }

    /**
     * Where identities' public keys come from: the directory's internal API (base URL ending with
     * {@code /} and its bearer secret), how long a looked-up key is trusted without asking again,
     * and the Redis channel on which the directory announces revocations (cached keys are dropped
     * and live connections closed when one arrives).
     */
    public record Directory(@DefaultValue("http://localhost:9181/") @NotBlank String url,
                            String apiSecret,
                            @DefaultValue("5m") @NotNull Duration cacheTtl,
                            @DefaultValue("directory:identity-revoked") @NotBlank String revocationChannel) {

        @Override
        public String toString() {
            return "Directory[url=" + url + ", apiSecret=<redacted>, cacheTtl=" + cacheTtl
                    + ", revocationChannel=" + revocationChannel + "]";
        }
    }

    /**
     * Wake-ups for offline receivers through the push relay's internal API: its base URL (ending
     * with {@code /}; unset: no pushes) and bearer secret, and the window in which further
     * messages to the same identity cause no further push.
     */
    public record Push(String relayUrl, String apiSecret, @DefaultValue("30s") @NotNull Duration coalesce) {

        @Override
        public String toString() {
            return "Push[relayUrl=" + relayUrl + ", apiSecret=<redacted>, coalesce=" + coalesce + "]";
        }
    }

    /**
     * Store-and-forward: how long a message waits for its receiver, how long a short-lived one
     * (flag 0x20) waits, how often expired messages are deleted, and how many queued messages one
     * database read delivers at a time.
     */
    public record Messages(@DefaultValue("14d") @NotNull Duration ttl,
                           @DefaultValue("60s") @NotNull Duration shortLivedTtl,
                           @DefaultValue("5m") @NotNull Duration expirySweep,
                           @DefaultValue("500") @Min(1) int deliveryBatch) {
    }

    /**
     * The permanent X25519 key pair clients pin; when {@code serverKeyFile} is unset the service
     * starts without one.
     */
    public record Keys(Path serverKeyFile) {
    }

    /** The internal API on the management port: callers present {@code apiSecret} as a bearer token. */
    public record Internal(@NotBlank @Size(min = 32) String apiSecret) {

        @Override
        public String toString() {
            return "Internal[apiSecret=<redacted>]";
        }
    }
}
