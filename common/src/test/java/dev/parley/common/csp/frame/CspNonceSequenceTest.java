package dev.parley.common.csp.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.common.encoding.Hex;
import org.junit.jupiter.api.Test;

class CspNonceSequenceTest {

    private static final byte[] COOKIE = Hex.decode("000102030405060708090a0b0c0d0e0f");

    @Test
    void cookieThenLittleEndianCounterFromOne() {
        CspNonceSequence nonces = new CspNonceSequence(COOKIE);
        assertThat(Hex.encode(nonces.next())).isEqualTo("000102030405060708090a0b0c0d0e0f" + "0100000000000000");
        assertThat(Hex.encode(nonces.next())).isEqualTo("000102030405060708090a0b0c0d0e0f" + "0200000000000000");
        for (int i = 3; i < 256; i++) {
            nonces.next();
        }
        assertThat(Hex.encode(nonces.next())).isEqualTo("000102030405060708090a0b0c0d0e0f" + "0001000000000000");
        assertThat(nonces.peek()).isEqualTo(257);
    }

    @Test
    void refusesAShortCookie() {
        assertThatThrownBy(() -> new CspNonceSequence(new byte[15])).isInstanceOf(IllegalArgumentException.class);
    }
}
