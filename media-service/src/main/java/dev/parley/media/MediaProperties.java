package dev.parley.media;

import dev.parley.blobstore.S3Connection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** Everything under {@code parley.media}, checked at start-up; the module README documents each property. */
@ConfigurationProperties("parley.media")
@Validated
public record MediaProperties(
        @Valid @NotNull Database database,
        @Valid @NotNull Redis redis,
        @Valid @NotNull Internal internal,
        @Valid @NotNull Blobs blobs,
        @Valid @NotNull Expiry expiry,
        @Valid @NotNull Storage storage,
        @Valid @NotNull RateLimit rateLimit,
        @Valid @NotNull Auth auth) {

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

    /** Blob limits: the largest accepted blob and how long a blob lives after its upload. */
    public record Blobs(@NotNull DataSize maxSize, @NotNull Duration lifetime) {
    }

    /** The job that deletes expired blobs: how often it runs and how many blobs one batch takes. */
    public record Expiry(@NotNull Duration interval, @Min(1) int batchSize) {
    }

    /** Where blob bytes go: {@code filesystem} (default) or {@code s3}. */
    public record Storage(@NotNull Backend backend, @Valid @NotNull Filesystem filesystem, @Valid @NotNull S3 s3) {

        public enum Backend { FILESYSTEM, S3 }

        public record Filesystem(@NotNull Path directory) {
        }

        public record S3(URI endpoint, @NotBlank String region, String bucket, boolean pathStyle,
                String accessKey, String secretKey, boolean createBucket, @NotNull Path spoolDirectory,
                @Min(1) int maxConcurrency) {

            public S3Connection connection() {
                return new S3Connection(endpoint, region, bucket, pathStyle, accessKey, secretKey, createBucket, maxConcurrency);
            }

            @Override
            public String toString() {
                return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", secretKey=<redacted>]";
            }
        }
    }

    /** Uploads per client IP: a token bucket of {@code burst} uploads refilled at {@code perMinute}. */
    public record RateLimit(boolean enabled, @Min(1) int burst, @Min(1) int perMinute) {
    }

    /**
     * Optional authentication for closed deployments: HTTP Basic credentials (an empty username
     * turns them off) and/or the directory's OnPrem auth tokens ({@code tokenEnabled}, verified
     * with {@code parley.auth-token.secret}).
     */
    public record Auth(String basicUsername, String basicPassword, boolean tokenEnabled) {

        public boolean basicEnabled() {
            return basicUsername != null && !basicUsername.isEmpty();
        }

        /** Whether any request must authenticate. */
        public boolean enabled() {
            return basicEnabled() || tokenEnabled();
        }

        @Override
        public String toString() {
            return "Auth[basicUsername=" + basicUsername + ", basicPassword=<redacted>]";
        }
    }
}
