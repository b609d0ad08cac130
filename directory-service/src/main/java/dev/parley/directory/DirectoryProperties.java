package dev.parley.directory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Everything under {@code parley.directory}, checked at start-up; the module README documents each property. */
@ConfigurationProperties("parley.directory")
@Validated
public record DirectoryProperties(
        @Valid @NotNull Database database,
        @Valid @NotNull Redis redis,
        @Valid @NotNull Internal internal,
        @Valid @DefaultValue Oppf oppf) {

    /** PostgreSQL: the schema this service owns; Flyway creates and migrates it. */
    public record Database(@NotNull @Pattern(regexp = "[a-z_][a-z0-9_]{0,62}") String schema) {
    }

    /** Redis: every key this service writes starts with {@code keyPrefix}, so services can share one Redis. */
    public record Redis(@NotBlank String keyPrefix) {
    }

    /**
     * The Ed25519 key that signs the provisioning document; when {@code signingKeyFile} is unset
     * the service starts without one.
     */
    public record Oppf(Path signingKeyFile) {
    }

    /** The internal API on the management port: callers present {@code apiSecret} as a bearer token. */
    public record Internal(@NotBlank @Size(min = 32) String apiSecret) {

        @Override
        public String toString() {
            return "Internal[apiSecret=<redacted>]";
        }
    }
}
