package dev.parley.chat.keys;

import dev.parley.common.encoding.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * The chat server's permanent X25519 key pair, whose public half clients pin. The secret half
 * never leaves this object except through {@link #secretKey()}.
 */
public final class ServerKeyPair {

    private final byte[] secretKey;
    private final byte[] publicKey;

    private ServerKeyPair(byte[] secretKey, byte[] publicKey) {
        this.secretKey = secretKey;
        this.publicKey = publicKey;
    }

    /** Loads the pair and refuses a file whose public key does not belong to its secret key. */
    public static ServerKeyPair load(Path file) {
        try {
            byte[][] pair = KeyPairFile.read(file);
            if (!MessageDigest.isEqual(X25519PublicKeys.fromSecret(pair[0]), pair[1])) {
                throw new IllegalArgumentException(file + ": public key does not match the secret key");
            }
            return new ServerKeyPair(pair[0], pair[1]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read chat server key file " + file, e);
        }
    }

    public byte[] secretKey() {
        return secretKey.clone();
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String publicKeyHex() {
        return Hex.encode(publicKey);
    }

    @Override
    public String toString() {
        return "ServerKeyPair[public=" + publicKeyHex() + "]";
    }
}
