package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.cli.StateFile.State;
import dev.parley.common.crypto.X25519;
import dev.parley.common.encoding.Hex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsAndKeepsTheSecretOffTheDisk() throws Exception {
        X25519.KeyPair keys = X25519.generateKeyPair();
        Path file = dir.resolve("state");
        StateFile.write(file, "correct horse".toCharArray(), new State("ECHOECHO", keys));

        String onDisk = Files.readString(file);
        assertThat(onDisk).startsWith("PARLEY-STATE-1\n").doesNotContain("ECHOECHO")
                .doesNotContain(Hex.encode(keys.secretKey()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        State read = StateFile.read(file, "correct horse".toCharArray());
        assertThat(read.identity()).isEqualTo("ECHOECHO");
        assertThat(read.keys().secretKey()).isEqualTo(keys.secretKey());
    }

    @Test
    void aWrongPassphraseOrAForeignFileIsRefused() throws Exception {
        Path file = dir.resolve("state");
        StateFile.write(file, "right".toCharArray(), new State("ECHOECHO", X25519.generateKeyPair()));
        assertThatThrownBy(() -> StateFile.read(file, "wrong".toCharArray()))
                .isInstanceOf(StateFile.WrongPassphraseException.class).hasMessageContaining("wrong passphrase");
        Path other = Files.writeString(dir.resolve("other"), "hello\nworld\n");
        assertThatThrownBy(() -> StateFile.read(other, "right".toCharArray()))
                .isInstanceOf(StateFile.WrongPassphraseException.class);
    }

    @Test
    void theDeviceGroupKeyAndDeviceIdsRoundTripEncrypted() throws Exception {
        byte[] groupKey = dev.parley.common.crypto.CryptoRandom.bytes(32);
        // An ID with the top bit set: device IDs are unsigned 64-bit values.
        StateFile.Device device = new StateFile.Device(groupKey, 0xfedcba9876543210L, 42L, "desk = laptop\n#1");
        Path file = dir.resolve("state");
        StateFile.write(file, "pass".toCharArray(), new State("ECHOECHO", X25519.generateKeyPair(), "7", device));

        assertThat(Files.readString(file)).doesNotContain(Hex.encode(groupKey)).doesNotContain("desk");
        State read = StateFile.read(file, "pass".toCharArray());
        assertThat(read.multiDevice()).isTrue();
        assertThat(read.serverGroup()).isEqualTo("7");
        assertThat(read.device().groupKey()).isEqualTo(groupKey);
        assertThat(read.device().deviceId()).isEqualTo(0xfedcba9876543210L);
        assertThat(read.device().cspDeviceId()).isEqualTo(42L);
        assertThat(read.device().label()).isEqualTo("desk = laptop\n#1");
        assertThat(read.toString()).doesNotContain(Hex.encode(groupKey));

        StateFile.write(file, "pass".toCharArray(), new State("ECHOECHO", X25519.generateKeyPair()));
        assertThat(StateFile.read(file, "pass".toCharArray()).multiDevice()).isFalse();
    }
}
