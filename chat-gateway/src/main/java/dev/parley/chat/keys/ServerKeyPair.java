package dev.parley.chat.keys;

import dev.parley.common.crypto.X25519;
import dev.parley.common.encoding.Hex;
import dev.parley.common.keys.KeyFile;
import java.nio.file.Path;

/**
 * The chat server's permanent X25519 key pair, whose public half clients pin. The secret half
 * never leaves this object except through {@link #secretKey()}.
 */
public final class ServerKeyPair {

    private final X25519.KeyPair pair;

    private ServerKeyPair(X25519.KeyPair pair) {
        this.pair = pair;
    }

    /** Loads the pair and refuses a file whose public key does not belong to its secret key. */
    public static ServerKeyPair load(Path file) {
        return new ServerKeyPair(KeyFile.loadX25519(file));
    }

    public byte[] secretKey() {
        return pair.secretKey();
    }

    public byte[] publicKey() {
        return pair.publicKey();
    }

    public String publicKeyHex() {
        return Hex.encode(pair.publicKey());
    }

    @Override
    public String toString() {
        return "ServerKeyPair[public=" + publicKeyHex() + "]";
    }
}
