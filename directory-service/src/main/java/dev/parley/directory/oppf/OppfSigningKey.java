package dev.parley.directory.oppf;

import dev.parley.common.crypto.Ed25519;
import dev.parley.common.encoding.Hex;
import dev.parley.common.keys.KeyFile;
import java.nio.file.Path;

/**
 * The Ed25519 key that signs the provisioning document (OPPF): a 32-byte secret seed and its
 * public key. The seed never leaves this object except through {@link #secretSeed()}.
 */
public final class OppfSigningKey {

    private final Ed25519.KeyPair pair;

    private OppfSigningKey(Ed25519.KeyPair pair) {
        this.pair = pair;
    }

    /** Loads the key and refuses a file whose public key does not belong to its seed. */
    public static OppfSigningKey load(Path file) {
        return new OppfSigningKey(KeyFile.loadEd25519(file));
    }

    public byte[] secretSeed() {
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
        return "OppfSigningKey[public=" + publicKeyHex() + "]";
    }
}
