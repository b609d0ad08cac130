package dev.parley.common.crypto;

import static dev.parley.common.encoding.Hex.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void scryptRfc7914Section12FirstVector() {
        // RFC 7914 §12: P = "", S = "", N = 16, r = 1, p = 1, dkLen = 64.
        assertThat(encode(PasswordHash.scrypt(new byte[0], new byte[0], 16, 1, 1, 64))).isEqualTo(
                "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906");
    }

    @Test
    void scryptRfc7914Section12SecondVector() {
        // RFC 7914 §12: P = "password", S = "NaCl", N = 1024, r = 8, p = 16, dkLen = 64.
        assertThat(encode(PasswordHash.scrypt(ascii("password"), ascii("NaCl"), 1024, 8, 16, 64))).isEqualTo(
                "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640");
    }

    @Test
    void pbkdf2HmacSha256Rfc7914Section11() {
        // RFC 7914 §11: PBKDF2-HMAC-SHA256 with P = "passwd", S = "salt", c = 1 and
        // P = "Password", S = "NaCl", c = 80000, dkLen = 64.
        assertThat(encode(PasswordHash.pbkdf2Sha256(ascii("passwd"), ascii("salt"), 1, 64))).isEqualTo(
                "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
        assertThat(encode(PasswordHash.pbkdf2Sha256(ascii("Password"), ascii("NaCl"), 80000, 64))).isEqualTo(
                "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
                + "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> PasswordHash.scrypt(new byte[0], new byte[0], 15, 1, 1, 32)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> PasswordHash.pbkdf2Sha256(new byte[0], new byte[0], 0, 32)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> PasswordHash.pbkdf2Sha256(null, new byte[0], 1, 32)).isInstanceOf(CryptoException.class);
    }
}
