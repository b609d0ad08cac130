package dev.parley.common.crypto;

import static dev.parley.common.encoding.Hex.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HashesTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] repeat(int value, int count) {
        byte[] out = new byte[count];
        Arrays.fill(out, (byte) value);
        return out;
    }

    @Test
    void sha256FipsAbc() {
        // FIPS 180-2 Appendix B.1.
        assertThat(encode(Sha256.hash(ascii("abc")))).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hash(ascii("a"), ascii("bc"))).isEqualTo(Sha256.hash(ascii("abc")));
    }

    @Test
    void hmacSha256Rfc4231() {
        // RFC 4231 §4.2 (test case 1) and §4.3 (test case 2).
        assertThat(encode(Hmac.sha256(repeat(0x0b, 20), ascii("Hi There"))))
                .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        assertThat(encode(Hmac.sha256(ascii("Jefe"), ascii("what do ya want for nothing?"))))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void hmacSha1Rfc2202() {
        // RFC 2202 §3, test cases 1 and 2.
        assertThat(encode(Hmac.sha1(repeat(0x0b, 20), ascii("Hi There")))).isEqualTo("b617318655057264e28bc0b6fb378c8ef146be00");
        assertThat(encode(Hmac.sha1(ascii("Jefe"), ascii("what do ya want for nothing?"))))
                .isEqualTo("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    }

    @Test
    void nullInputsAreTypedErrors() {
        assertThatThrownBy(() -> Hmac.sha256(null, new byte[0])).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> Sha256.hash((byte[]) null)).isInstanceOf(CryptoException.class);
    }

    @Test
    void constantTimeEquals() {
        assertThat(ConstantTime.equals(new byte[] {1, 2}, new byte[] {1, 2})).isTrue();
        assertThat(ConstantTime.equals(new byte[] {1, 2}, new byte[] {1, 3})).isFalse();
        assertThat(ConstantTime.equals(new byte[] {1, 2}, new byte[] {1, 2, 3})).isFalse();
        assertThat(ConstantTime.equals(null, new byte[0])).isFalse();
        assertThat(ConstantTime.equals(new byte[] {9, 1, 2}, 1, new byte[] {1, 2}, 0, 2)).isTrue();
        assertThatThrownBy(() -> ConstantTime.equals(new byte[2], 1, new byte[2], 0, 2)).isInstanceOf(CryptoException.class);
    }

    @Test
    void randomBytes() {
        assertThat(CryptoRandom.bytes(32)).hasSize(32).isNotEqualTo(CryptoRandom.bytes(32));
        assertThatThrownBy(() -> CryptoRandom.bytes(-1)).isInstanceOf(CryptoException.class);
    }
}
