package dev.parley.common.crypto;

import static dev.parley.common.crypto.SecretBoxTest.BOX;
import static dev.parley.common.crypto.SecretBoxTest.MESSAGE;
import static dev.parley.common.crypto.SecretBoxTest.NONCE;
import static dev.parley.common.crypto.X25519Test.ALICE_PK;
import static dev.parley.common.crypto.X25519Test.ALICE_SK;
import static dev.parley.common.crypto.X25519Test.BOB_PK;
import static dev.parley.common.crypto.X25519Test.BOB_SK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoxTest {

    @Test
    void naclBoxVector() {
        // NaCl tests/box.c: crypto_box(m, nonce, bobpk, alicesk); tests/box2.c opens it with bobsk/alicepk.
        assertThat(Box.seal(ALICE_SK, BOB_PK, NONCE, MESSAGE)).isEqualTo(BOX);
        assertThat(Box.open(BOB_SK, ALICE_PK, NONCE, BOX)).isEqualTo(MESSAGE);
    }

    @Test
    void precomputedBoxMatchesAndIsReusable() {
        SecretBox alice = Box.precompute(ALICE_SK, BOB_PK);
        SecretBox bob = Box.precompute(BOB_SK, ALICE_PK);
        for (int i = 0; i < 3; i++) {
            assertThat(alice.seal(NONCE, MESSAGE)).isEqualTo(BOX);
            assertThat(bob.open(NONCE, BOX)).isEqualTo(MESSAGE);
        }
    }

    @Test
    void wrongPeerKeyFailsAuthentication() {
        X25519.KeyPair mallory = X25519.generateKeyPair();
        assertThatThrownBy(() -> Box.open(BOB_SK, mallory.publicKey(), NONCE, BOX))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> Box.open(mallory.secretKey(), ALICE_PK, NONCE, BOX))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void everyTamperedByteFails() {
        SecretBox bob = Box.precompute(BOB_SK, ALICE_PK);
        for (int i = 0; i < BOX.length; i++) {
            byte[] tampered = BOX.clone();
            tampered[i] ^= (byte) 0xff;
            assertThatThrownBy(() -> bob.open(NONCE, tampered)).isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    void truncatedAndLowOrderFailClosed() {
        assertThatThrownBy(() -> Box.open(BOB_SK, ALICE_PK, NONCE, new byte[15])).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> Box.seal(ALICE_SK, new byte[32], NONCE, MESSAGE)).isInstanceOf(CryptoException.class);
    }

    @Test
    void generatedKeysRoundTrip() {
        X25519.KeyPair a = X25519.generateKeyPair();
        X25519.KeyPair b = X25519.generateKeyPair();
        byte[] nonce = CryptoRandom.bytes(Box.NONCE_BYTES);
        byte[] sealed = Box.seal(a.secretKey(), b.publicKey(), nonce, MESSAGE);
        assertThat(Box.open(b.secretKey(), a.publicKey(), nonce, sealed)).isEqualTo(MESSAGE);
    }
}
