package dev.parley.safe;

import dev.parley.blobstore.S3Connection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Everything under {@code parley.safe}, checked at start-up; the module README documents each property. */
@ConfigurationProperties("parley.safe")
@Validated
public record SafeProperties(
        @Valid @NotNull Database database,
        @Valid @NotNull Redis redis,
        @Valid @NotNull Internal internal,
        @NotNull @Pattern(regexp = "/([A-Za-z0-9._~-]+/?)*") @DefaultValue("/") String basePath,
        @Min(1) @Max(Integer.MAX_VALUE - 8) @DefaultValue("524288") long maxBackupBytes,
        @Min(1) @Max(36500) @DefaultValue("180") int retentionDays,
        @Valid @NotNull @DefaultValue Retention retention,
        @Valid @NotNull @DefaultValue Storage storage,
        @Valid @NotNull Throttle throttle,
        @Valid @NotNull @DefaultValue ClientIp clientIp,
        @Valid @NotNull @DefaultValue Auth auth) {

    /** PostgreSQL: the schema this service owns; Flyway creates and migrates it. */
    public record Database(@NotNull @Pattern(regexp = "[a-z_][a-z0-9_]{0,62}") String schema) {
    }

    /** Redis: every key this service writes starts with {@code keyPrefix}, so services can share one Redis. */
    public record Redis(@NotBlank String keyPrefix) {
    }

    /** The internal API on the management port: callers present {@code apiSecret} as a bearer token. */
    public record Internal(@NotBlank @Size(min = 32) String apiSecret) {

        @Override
        public String toString() {
            return "Internal[apiSecret=<redacted>]";
        }
    }

    /** The job that deletes backups not updated for {@code retentionDays}. */
    public record Retention(
            @DefaultValue("true") boolean enabled,
            @NotNull @DefaultValue("1h") Duration interval,
            @Min(1) @Max(100_000) @DefaultValue("1000") int batchSize) {
    }

    /**
     * Where backup bytes go: {@code postgres} (a {@code bytea} column, the default), or a
     * {@code filesystem} directory or an {@code s3} bucket with a metadata row per backup in
     * PostgreSQL.
     */
    public record Storage(
            @NotNull @DefaultValue("postgres") Backend backend,
            @Valid @NotNull @DefaultValue Filesystem filesystem,
            @Valid @NotNull @DefaultValue S3 s3) {

        public enum Backend { POSTGRES, FILESYSTEM, S3 }

        public record Filesystem(@NotNull @DefaultValue("./data/safe") Path directory) {
        }

        public record S3(
                URI endpoint,
                @NotBlank @DefaultValue("us-east-1") String region,
                String bucket,
                @DefaultValue("true") boolean pathStyle,
                String accessKey,
                String secretKey,
                @DefaultValue("false") boolean createBucket,
                @NotNull Path spoolDirectory,
                @Min(1) @DefaultValue("64") int maxConcurrency) {

            public S3Connection connection() {
                return new S3Connection(endpoint, region, bucket, pathStyle, accessKey, secretKey, createBucket, maxConcurrency);
            }

            @Override
            public String toString() {
                return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", secretKey=<redacted>]";
            }
        }
    }

    /** Token buckets per client IP and per backup ID. */
    public record Throttle(
            @DefaultValue("true") boolean enabled,
            @Valid @NotNull Bucket ip,
            @Valid @NotNull Bucket backup) {
    }

    /** {@code capacity} requests at once, then one more every {@code refillInterval}. */
    public record Bucket(@Min(1) int capacity, @NotNull Duration refillInterval) {
    }

    /**
     * Where the client address comes from: the socket peer, or the {@code X-Forwarded-For}
     * entry just before the first trusted proxy when the peer is one of {@code trustedProxies}
     * (addresses or CIDR ranges).
     */
    public record ClientIp(@NotNull @DefaultValue({}) List<String> trustedProxies) {
    }

    /** HTTP Basic with configured users and/or the OnPrem {@code Authorization: Token}; both off by default. */
    public record Auth(
            @Valid @NotNull @DefaultValue Basic basic,
            @Valid @NotNull @DefaultValue Token token) {
    }

    /** {@code users} maps a user name to its password hash ({@code {pbkdf2-sha256}...}, see the README). */
    public record Basic(
            @DefaultValue("false") boolean enabled,
            @NotBlank @DefaultValue("Threema Safe") String realm,
            @NotNull @DefaultValue({}) Map<String, String> users) {

        @Override
        public String toString() {
            return "Basic[enabled=" + enabled + ", realm=" + realm + ", users=" + users.keySet() + "]";
        }
    }

    /** Verifies tokens with {@code parley.auth-token.secret}. */
    public record Token(@DefaultValue("false") boolean enabled) {
    }
}
