package dev.parley.common.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.common.crypto.Ed25519;
import dev.parley.common.crypto.X25519;
import dev.parley.common.encoding.Hex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {

    @TempDir
    Path dir;

    @Test
    void x25519PairRoundTripsOwnerOnly() throws Exception {
        X25519.KeyPair pair = X25519.generateKeyPair();
        Path file = dir.resolve("keys/chat.key");
        KeyFile.write(file, "chat server key", pair.secretKey(), pair.publicKey());

        X25519.KeyPair loaded = KeyFile.loadX25519(file);
        assertThat(loaded.publicKey()).isEqualTo(pair.publicKey());
        assertThat(loaded.secretKey()).isEqualTo(pair.secretKey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(Files.readString(file)).startsWith("# Parley chat server key\n");
    }

    @Test
    void ed25519PairRoundTrips() {
        Ed25519.KeyPair pair = Ed25519.generateKeyPair();
        Path file = dir.resolve("oppf.key");
        KeyFile.write(file, "signing key", pair.secretKey(), pair.publicKey());
        assertThat(KeyFile.loadEd25519(file).publicKey()).isEqualTo(pair.publicKey());
    }

    @Test
    void rejectsPublicKeyThatDoesNotMatchSecret() {
        X25519.KeyPair pair = X25519.generateKeyPair();
        Path file = dir.resolve("mismatch.key");
        KeyFile.write(file, "key", pair.secretKey(), X25519.generateKeyPair().publicKey());
        assertThatThrownBy(() -> KeyFile.loadX25519(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void errorsNeverContainKeyMaterial() throws Exception {
        byte[] secret = X25519.generateKeyPair().secretKey();
        Path file = dir.resolve("bad.key");
        Files.writeString(file, "secret:" + Hex.encode(secret) + "\npublic:" + Hex.encode(secret).toUpperCase() + "\n");
        assertThatThrownBy(() -> KeyFile.loadX25519(file))
                .hasMessageContaining("'public' must be 64 lowercase hex digits")
                .message().doesNotContainIgnoringCase(Hex.encode(secret));
    }

    @Test
    void rejectsMissingAndDuplicateFields() throws Exception {
        Path missing = dir.resolve("missing.key");
        Files.writeString(missing, "# nothing here\n");
        assertThatThrownBy(() -> KeyFile.loadSecret(missing)).hasMessageContaining("missing 'secret");

        String line = "secret:" + Hex.encode(new byte[32]) + "\n";
        Path twice = dir.resolve("twice.key");
        Files.writeString(twice, line + line);
        assertThatThrownBy(() -> KeyFile.loadSecret(twice)).hasMessageContaining("appears twice");
    }

    @Test
    void rejectsOversizedFileBeforeReadingIt() throws Exception {
        Path big = dir.resolve("big.key");
        Files.write(big, new byte[1 << 20]);
        assertThatThrownBy(() -> KeyFile.loadSecret(big)).hasMessageContaining("larger than a key file");
    }
}
