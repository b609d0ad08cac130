package dev.parley.common.authtoken;

import java.time.Instant;
import java.util.Objects;

/** A verified token: who it was issued to and until when it is valid. */
public record AuthToken(String subject, Instant expiresAt) {

    public AuthToken {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
