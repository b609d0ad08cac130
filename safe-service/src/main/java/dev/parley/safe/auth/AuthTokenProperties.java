package dev.parley.safe.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code parley.auth-token.secret}: the secret the directory signs OnPrem auth tokens with.
 * Required (at least 32 bytes) only when {@code parley.safe.auth.token.enabled} is true.
 */
@ConfigurationProperties("parley.auth-token")
public record AuthTokenProperties(String secret) {

    @Override
    public String toString() {
        return "AuthTokenProperties[secret=<redacted>]";
    }
}
