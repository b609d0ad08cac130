package dev.parley.chat.keys;

import dev.parley.common.encoding.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** Writes key files in the format the standalone launcher produces. */
public final class TestKeyFiles {

    private TestKeyFiles() {
    }

    /** Writes a fresh key pair to a temporary file and returns the file. */
    public static Path write() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return write(secret, publicKeyOf(secret));
    }

    public static Path write(byte[] secret, byte[] publicKey) {
        try {
            Path file = Files.createTempFile("parley-key", ".txt");
            file.toFile().deleteOnExit();
            Files.writeString(file, "# test key\nsecret:" + Hex.encode(secret) + "\npublic:" + Hex.encode(publicKey) + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] publicKeyOf(byte[] secret) {
        byte[] publicKey = new byte[32];
        X25519.scalarMultBase(secret, 0, publicKey, 0);
        return publicKey;
    }
}
