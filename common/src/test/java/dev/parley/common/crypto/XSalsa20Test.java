package dev.parley.common.crypto;

import static dev.parley.common.crypto.SecretBoxTest.BOX;
import static dev.parley.common.crypto.SecretBoxTest.FIRST_KEY;
import static dev.parley.common.crypto.SecretBoxTest.MESSAGE;
import static dev.parley.common.crypto.SecretBoxTest.NONCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class XSalsa20Test {

    @Test
    void streamFromByte32IsTheNaclSecretboxCiphertext() {
        // In NaCl's secretbox vector the ciphertext after the MAC is the message XORed with the
        // XSalsa20 stream from byte 32 on (bytes 0..31 are the Poly1305 key).
        byte[] input = new byte[32 + MESSAGE.length];
        System.arraycopy(MESSAGE, 0, input, 32, MESSAGE.length);
        byte[] out = XSalsa20.xor(FIRST_KEY, NONCE, input);
        assertThat(Arrays.copyOfRange(out, 32, out.length)).isEqualTo(Arrays.copyOfRange(BOX, 16, BOX.length));
    }

    @Test
    void xorTwiceRestoresInput() {
        byte[] data = CryptoRandom.bytes(1000);
        assertThat(XSalsa20.xor(FIRST_KEY, NONCE, XSalsa20.xor(FIRST_KEY, NONCE, data))).isEqualTo(data);
    }

    @Test
    void rejectsWrongLengths() {
        assertThatThrownBy(() -> XSalsa20.xor(new byte[16], NONCE, MESSAGE)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> XSalsa20.xor(FIRST_KEY, new byte[8], MESSAGE)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> XSalsa20.xor(FIRST_KEY, NONCE, MESSAGE, 0, 200, new byte[200], 0))
                .isInstanceOf(CryptoException.class);
    }
}
