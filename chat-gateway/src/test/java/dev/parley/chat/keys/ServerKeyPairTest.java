package dev.parley.chat.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.common.encoding.Hex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ServerKeyPairTest {

    @Test
    void loadsAMatchingPairAndNeverPrintsTheSecret() throws Exception {
        Path file = TestKeyFiles.write();
        String secretHex = Files.readAllLines(file).get(1).substring("secret:".length());

        ServerKeyPair key = ServerKeyPair.load(file);

        assertThat(key.publicKeyHex()).isEqualTo(Files.readAllLines(file).get(2).substring("public:".length()));
        assertThat(Hex.encode(TestKeyFiles.publicKeyOf(Hex.decode(secretHex)))).isEqualTo(key.publicKeyHex());
        assertThat(key.toString()).doesNotContain(secretHex);
    }

    @Test
    void refusesAPublicKeyOfAnotherSecret() {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 7);
        byte[] otherPublic = TestKeyFiles.publicKeyOf(new byte[32]);
        Path file = TestKeyFiles.write(secret, otherPublic);

        assertThatThrownBy(() -> ServerKeyPair.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not match")
                .hasMessageNotContaining(Hex.encode(secret));
    }

    @Test
    void refusesMalformedFiles() throws Exception {
        Path file = Files.createTempFile("parley-key", ".txt");
        Files.writeString(file, "secret:abcd\npublic:" + "00".repeat(32) + "\n");

        assertThatThrownBy(() -> ServerKeyPair.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'secret' must be 64 lowercase hex digits");
        Files.delete(file);
    }
}
