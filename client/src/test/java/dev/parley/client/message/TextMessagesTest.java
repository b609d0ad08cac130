package dev.parley.client.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.common.crypto.AuthenticationException;
import dev.parley.common.crypto.Box;
import dev.parley.common.crypto.X25519;
import dev.parley.common.csp.payload.MessageStruct;
import dev.parley.common.identity.ThreemaId;
import org.junit.jupiter.api.Test;

class TextMessagesTest {

    private final X25519.KeyPair alice = X25519.generateKeyPair();
    private final X25519.KeyPair bob = X25519.generateKeyPair();

    @Test
    void roundTripWithPaddingToAtLeast32Bytes() {
        MessageStruct message = TextMessages.text(ThreemaId.of("ALICE001"), alice.secretKey(), ThreemaId.of("BOB00001"),
                bob.publicKey(), "Alice", "hi");
        byte[] body = Box.open(bob.secretKey(), alice.publicKey(), message.nonce(), message.messageBox());
        assertThat(body.length).isGreaterThanOrEqualTo(32);
        assertThat(body[0]).isEqualTo((byte) TextMessages.TYPE_TEXT);
        int padding = body[body.length - 1] & 0xff;
        for (int i = body.length - padding; i < body.length; i++) {
            assertThat(body[i] & 0xff).isEqualTo(padding);
        }
        assertThat(TextMessages.open(message, bob.secretKey(), alice.publicKey())).contains("hi");
        assertThat(message.legacyNicknameText()).isEqualTo("Alice");
    }

    @Test
    void onlyTheReceiverCanRead() {
        MessageStruct message = TextMessages.text(ThreemaId.of("ALICE001"), alice.secretKey(), ThreemaId.of("BOB00001"),
                bob.publicKey(), "", "Grüezi, wie gaht's? ".repeat(20));
        assertThat(TextMessages.open(message, bob.secretKey(), alice.publicKey())).contains("Grüezi, wie gaht's? ".repeat(20));
        X25519.KeyPair eve = X25519.generateKeyPair();
        assertThatThrownBy(() -> TextMessages.open(message, eve.secretKey(), alice.publicKey()))
                .isInstanceOf(AuthenticationException.class);
    }
}
