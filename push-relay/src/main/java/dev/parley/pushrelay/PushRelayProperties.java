package dev.parley.pushrelay;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Everything under {@code parley.push-relay}, checked at start-up; the module README documents each property. */
@ConfigurationProperties("parley.push-relay")
@Validated
public record PushRelayProperties(
        @Valid @NotNull Internal internal) {

    /** The internal API on the management port: callers present {@code apiSecret} as a bearer token. */
    public record Internal(@NotBlank @Size(min = 32) String apiSecret) {

        @Override
        public String toString() {
            return "Internal[apiSecret=<redacted>]";
        }
    }
}
