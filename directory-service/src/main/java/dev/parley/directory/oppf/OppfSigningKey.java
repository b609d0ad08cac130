package dev.parley.directory.oppf;

import dev.parley.common.encoding.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * The Ed25519 key that signs the provisioning document (OPPF): a 32-byte secret seed and its
 * public key. The seed never leaves this object except through {@link #secretSeed()}.
 */
public final class OppfSigningKey {

    private final byte[] secretSeed;
    private final byte[] publicKey;

    private OppfSigningKey(byte[] secretSeed, byte[] publicKey) {
        this.secretSeed = secretSeed;
        this.publicKey = publicKey;
    }

    /** Loads the key and refuses a file whose public key does not belong to its seed. */
    public static OppfSigningKey load(Path file) {
        try {
            byte[][] pair = KeyPairFile.read(file);
            if (!MessageDigest.isEqual(Ed25519PublicKeys.fromSecret(pair[0]), pair[1])) {
                throw new IllegalArgumentException(file + ": public key does not match the secret key");
            }
            return new OppfSigningKey(pair[0], pair[1]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read OPPF signing key file " + file, e);
        }
    }

    public byte[] secretSeed() {
        return secretSeed.clone();
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String publicKeyHex() {
        return Hex.encode(publicKey);
    }

    @Override
    public String toString() {
        return "OppfSigningKey[public=" + publicKeyHex() + "]";
    }
}
