package dev.parley.directory;

import jakarta.validation.Valid;
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

/** Everything under {@code parley.directory}, checked at start-up; the module README documents each property. */
@ConfigurationProperties("parley.directory")
@Validated
public record DirectoryProperties(
        @Valid @NotNull Database database,
        @Valid @NotNull Redis redis,
        @Valid @NotNull Internal internal,
        @Valid @DefaultValue Oppf oppf,
        @Valid @DefaultValue Challenge challenge,
        @Valid @DefaultValue Identity identity,
        @Valid @DefaultValue Revocation revocation) {

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

    /** Challenge/response tokens: how long a token may be answered. */
    public record Challenge(@DefaultValue("60s") @NotNull Duration ttl) {
    }

    /**
     * Identity creation: the server group new identities get, the licence check ({@code open} or
     * {@code license-key}) and, for {@code license-key}, the accepted keys.
     */
    public record Identity(
            @DefaultValue("0") @NotNull @Pattern(regexp = "[0-9a-zA-Z]{1,16}") String serverGroup,
            @DefaultValue("open") @NotNull LicenceMode licenceMode,
            @DefaultValue List<String> licenceKeys) {

        @Override
        public String toString() {
            return "Identity[serverGroup=" + serverGroup + ", licenceMode=" + licenceMode + ", licenceKeys=<redacted>]";
        }
    }

    /** How {@code identity/create} decides whether a client may register. */
    public enum LicenceMode { OPEN, LICENSE_KEY }

    /** {@code ws/revoke}: attempts per identity per day. */
    public record Revocation(@DefaultValue("3") @Min(1) int attemptsPerDay) {
    }

    /**
     * The internal API (key lookup, admin) on its own port, which ingress never exposes: callers
     * present {@code apiSecret} as a bearer token.
     */
    public record Internal(@NotBlank @Size(min = 32) String apiSecret, @DefaultValue("9181") @Min(0) int port) {

        @Override
        public String toString() {
            return "Internal[apiSecret=<redacted>, port=" + port + "]";
        }
    }
}
