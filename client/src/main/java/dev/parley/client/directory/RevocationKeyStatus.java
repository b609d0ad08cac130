package dev.parley.client.directory;

import java.util.Date;

/** Whether a revocation password is set and when it last changed. */
public record RevocationKeyStatus(boolean set, Date lastChanged) {
}
