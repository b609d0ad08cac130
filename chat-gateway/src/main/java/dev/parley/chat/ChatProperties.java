package dev.parley.chat;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.file.Path;
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
        @Valid @DefaultValue Keys keys) {

    /** PostgreSQL: the schema this service owns; Flyway creates and migrates it. */
    public record Database(@NotNull @Pattern(regexp = "[a-z_][a-z0-9_]{0,62}") String schema) {
    }

    /** Redis: every key this service writes starts with {@code keyPrefix}, so services can share one Redis. */
    public record Redis(@NotBlank String keyPrefix) {
    }

    /** The chat server protocol listener; 0 picks a free port. */
    public record Csp(@Min(0) @Max(65535) int port) {
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
