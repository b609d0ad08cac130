package dev.parley.common.identity.backup;

import dev.parley.common.crypto.ConstantTime;
import dev.parley.common.crypto.CryptoException;
import dev.parley.common.crypto.X25519;
import dev.parley.common.identity.ThreemaId;
import java.util.Objects;

/** What an ID backup holds: the identity and its X25519 secret key. The key is copied in and out and never printed. */
public record IdBackupData(ThreemaId identity, byte[] secretKey) {

    public IdBackupData {
        Objects.requireNonNull(identity, "identity");
        if (secretKey == null || secretKey.length != X25519.SECRET_KEY_BYTES) {
            throw new CryptoException("identity secret key must be " + X25519.SECRET_KEY_BYTES + " bytes");
        }
        secretKey = secretKey.clone();
    }

    @Override
    public byte[] secretKey() {
        return secretKey.clone();
    }

    /** The identity's public key, as the directory holds it. */
    public byte[] publicKey() {
        return X25519.publicKey(secretKey);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IdBackupData that
                && identity.equals(that.identity)
                && ConstantTime.equals(secretKey, that.secretKey);
    }

    @Override
    public int hashCode() {
        return identity.hashCode();
    }

    @Override
    public String toString() {
        return "IdBackupData[identity=" + identity + ", secretKey=<redacted>]";
    }
}
