package dev.parley.standalone.keys;

import dev.parley.chat.keys.ServerKeyPair;
import dev.parley.common.encoding.Hex;
import dev.parley.directory.oppf.OppfSigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's long-lived secrets under {@code <data-dir>/keys}, generated on first start and
 * reused afterwards (a new chat server key would make every client reject the server):
 * <ul>
 *   <li>{@code chat-server.key}: the chat server's permanent X25519 key pair,</li>
 *   <li>{@code oppf-signing.key}: the Ed25519 key that signs the provisioning document,</li>
 *   <li>{@code internal-api.key}: the bearer secret services present to each other.</li>
 * </ul>
 * Each file holds {@code secret:<64 hex>} and, for key pairs, {@code public:<64 hex>} lines.
 */
public record KeyMaterial(Path chatServerKeyFile, Path oppfSigningKeyFile, String internalApiSecret,
        String chatServerPublicKey, String oppfSigningPublicKey) {

    private static final Logger log = LoggerFactory.getLogger(KeyMaterial.class);

    public static KeyMaterial loadOrCreate(Path keysDir) throws IOException {
        OwnerOnlyFiles.createDirectory(keysDir);
        SecureRandom random = new SecureRandom();
        Path chatFile = ensurePair(keysDir.resolve("chat-server.key"), "chat server permanent X25519 key pair",
                () -> X25519KeyPairs.generate(random));
        Path oppfFile = ensurePair(keysDir.resolve("oppf-signing.key"), "OPPF Ed25519 signing key",
                () -> Ed25519KeyPairs.generate(random));
        Path secretFile = keysDir.resolve("internal-api.key");
        if (!Files.exists(secretFile)) {
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            OwnerOnlyFiles.write(secretFile, "# Parley internal API bearer secret\nsecret:" + Hex.encode(secret) + "\n");
            log.info("Generated the internal API secret in {}", secretFile);
        }
        String internalSecret = readSecret(secretFile);
        return new KeyMaterial(chatFile, oppfFile, internalSecret,
                ServerKeyPair.load(chatFile).publicKeyHex(), OppfSigningKey.load(oppfFile).publicKeyHex());
    }

    private static Path ensurePair(Path file, String description, KeyPairSource source) throws IOException {
        if (!Files.exists(file)) {
            byte[][] pair = source.generate();
            OwnerOnlyFiles.write(file, "# Parley " + description + "\nsecret:" + Hex.encode(pair[0])
                    + "\npublic:" + Hex.encode(pair[1]) + "\n");
            log.info("Generated the {} in {}", description, file);
        }
        return file;
    }

    private static String readSecret(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.US_ASCII).stream()
                .map(String::strip)
                .filter(line -> line.startsWith("secret:"))
                .map(line -> line.substring("secret:".length()).strip())
                .filter(value -> Hex.isLowercaseHex(value, 64))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(file + ": expected a 'secret:<64 hex>' line"));
    }

    @Override
    public String toString() {
        return "KeyMaterial[chat server public " + chatServerPublicKey + ", OPPF public " + oppfSigningPublicKey + "]";
    }

    @FunctionalInterface
    private interface KeyPairSource {
        byte[][] generate();
    }
}
