package dev.parley.directory.authtoken;

import java.time.Instant;

/** Issues the short-lived tokens that media and safe accept as {@code Authorization: Token <token>}. */
public interface AuthTokenIssuer {

    String issue(String subject, Instant expiresAt);
}
