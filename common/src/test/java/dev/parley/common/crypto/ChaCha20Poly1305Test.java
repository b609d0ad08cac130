package dev.parley.common.crypto;

import static dev.parley.common.encoding.Hex.decode;
import static dev.parley.common.encoding.Hex.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ChaCha20Poly1305Test {

    // RFC 8439 §2.8.2.
    private static final byte[] KEY = decode("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
    private static final byte[] NONCE = decode("070000004041424344454647");
    private static final byte[] AAD = decode("50515253c0c1c2c3c4c5c6c7");
    private static final byte[] PLAINTEXT = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip "
            + "for the future, sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
    private static final String CIPHERTEXT =
            "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b"
            + "1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
            + "3ff4def08e4b7a9de576d26586cec64b6116";
    private static final String TAG = "1ae10b594f09e26a7e902ecbd0600691";

    @Test
    void rfc8439Section282Seal() {
        assertThat(encode(ChaCha20Poly1305.seal(KEY, NONCE, AAD, PLAINTEXT))).isEqualTo(CIPHERTEXT + TAG);
    }

    @Test
    void rfc8439Section282Open() {
        assertThat(ChaCha20Poly1305.open(KEY, NONCE, AAD, decode(CIPHERTEXT + TAG))).isEqualTo(PLAINTEXT);
    }

    @Test
    void tamperingAnywhereFails() {
        byte[] sealed = decode(CIPHERTEXT + TAG);
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 1;
            assertThatThrownBy(() -> ChaCha20Poly1305.open(KEY, NONCE, AAD, tampered)).isInstanceOf(AuthenticationException.class);
        }
        byte[] otherAad = AAD.clone();
        otherAad[0] ^= 1;
        assertThatThrownBy(() -> ChaCha20Poly1305.open(KEY, NONCE, otherAad, sealed)).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> ChaCha20Poly1305.open(KEY, NONCE, null, sealed)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void truncatedAndWrongLengthsFailClosed() {
        byte[] sealed = decode(CIPHERTEXT + TAG);
        for (int len = 0; len < sealed.length; len++) {
            byte[] truncated = Arrays.copyOf(sealed, len);
            assertThatThrownBy(() -> ChaCha20Poly1305.open(KEY, NONCE, AAD, truncated)).isInstanceOf(AuthenticationException.class);
        }
        assertThatThrownBy(() -> ChaCha20Poly1305.seal(KEY, new byte[24], AAD, PLAINTEXT)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> ChaCha20Poly1305.seal(new byte[16], NONCE, AAD, PLAINTEXT)).isInstanceOf(CryptoException.class);
    }

    @Test
    void roundTripWithoutAad() {
        byte[] sealed = ChaCha20Poly1305.seal(KEY, NONCE, null, new byte[0]);
        assertThat(sealed).hasSize(ChaCha20Poly1305.TAG_BYTES);
        assertThat(ChaCha20Poly1305.open(KEY, NONCE, null, sealed)).isEmpty();
    }
}
