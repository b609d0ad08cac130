package dev.parley.common.identity.backup;

import dev.parley.common.crypto.CryptoException;

/** An ID backup could not be created or restored; {@link #reason()} says why in terms a UI can map. */
public class IdBackupException extends CryptoException {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Encode only: the password is shorter than {@link IdBackup#MIN_PASSWORD_LENGTH} characters. */
        PASSWORD_TOO_SHORT,
        /** Not base32, or not the 50 bytes of a backup. */
        MALFORMED,
        /** The check bytes do not match: a wrong password (or a corrupted backup, which looks the same). */
        WRONG_PASSWORD
    }

    private final Reason reason;

    public IdBackupException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
