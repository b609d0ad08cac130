package dev.parley.standalone.keys;

import dev.parley.chat.keys.ServerKeyPair;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.Ed25519;
import dev.parley.common.crypto.X25519;
import dev.parley.common.encoding.Hex;
import dev.parley.common.keys.KeyFile;
import dev.parley.directory.oppf.OppfSigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's long-lived secrets under {@code <data-dir>/keys}, generated on first start and
 * reused afterwards (a new chat server key would make every client reject the server):
 * <ul>
 *   <li>{@code chat-server.key}: the chat server's permanent X25519 key pair,</li>
 *   <li>{@code oppf-signing.key}: the Ed25519 key that signs the provisioning document,</li>
 *   <li>{@code internal-api.key}: the bearer secret services present to each other,</li>
 *   <li>{@code auth-token.key}: the secret the directory signs OnPrem auth tokens with and media and Safe verify them with.</li>
 * </ul>
 * Each file holds {@code secret:<64 hex>} and, for key pairs, {@code public:<64 hex>} lines.
 */
public record KeyMaterial(Path chatServerKeyFile, Path oppfSigningKeyFile, String internalApiSecret,
        String authTokenSecret, String chatServerPublicKey, String oppfSigningPublicKey) {

    private static final Logger log = LoggerFactory.getLogger(KeyMaterial.class);

    public static KeyMaterial loadOrCreate(Path keysDir) throws IOException {
        KeyFile.createOwnerOnlyDirectory(keysDir);
        Path chatFile = keysDir.resolve("chat-server.key");
        if (!Files.exists(chatFile)) {
            X25519.KeyPair pair = X25519.generateKeyPair();
            write(chatFile, "chat server permanent X25519 key pair", pair.secretKey(), pair.publicKey());
        }
        Path oppfFile = keysDir.resolve("oppf-signing.key");
        if (!Files.exists(oppfFile)) {
            Ed25519.KeyPair pair = Ed25519.generateKeyPair();
            write(oppfFile, "OPPF Ed25519 signing key", pair.secretKey(), pair.publicKey());
        }
        Path secretFile = keysDir.resolve("internal-api.key");
        if (!Files.exists(secretFile)) {
            write(secretFile, "internal API bearer secret", CryptoRandom.bytes(32), null);
        }
        Path authTokenFile = keysDir.resolve("auth-token.key");
        if (!Files.exists(authTokenFile)) {
            write(authTokenFile, "OnPrem auth token signing secret", CryptoRandom.bytes(32), null);
        }
        String internalSecret = Hex.encode(KeyFile.loadSecret(secretFile));
        String authTokenSecret = Hex.encode(KeyFile.loadSecret(authTokenFile));
        return new KeyMaterial(chatFile, oppfFile, internalSecret, authTokenSecret,
                ServerKeyPair.load(chatFile).publicKeyHex(), OppfSigningKey.load(oppfFile).publicKeyHex());
    }

    private static void write(Path file, String description, byte[] secret, byte[] publicKey) {
        KeyFile.write(file, description, secret, publicKey);
        log.info("Generated the {} in {}", description, file);
    }

    @Override
    public String toString() {
        return "KeyMaterial[chat server public " + chatServerPublicKey + ", OPPF public " + oppfSigningPublicKey + "]";
    }
}
