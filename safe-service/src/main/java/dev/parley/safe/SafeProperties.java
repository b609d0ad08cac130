package dev.parley.safe;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Everything under {@code parley.safe}, checked at start-up; the module README documents each property. */
@ConfigurationProperties("parley.safe")
@Validated
public record SafeProperties(
        @Valid @NotNull Database database,
        @Valid @NotNull Redis redis,
        @Valid @NotNull Internal internal) {

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
}
