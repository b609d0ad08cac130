package dev.parley.common.crypto;

import static dev.parley.common.encoding.Hex.decode;
import static dev.parley.common.encoding.Hex.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Blake2bTest {

    private static final byte[] KAT_KEY = decode(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
            + "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f");

    @Test
    void rfc7693AppendixAAbc() {
        assertThat(encode(Blake2b.hash(64, "abc".getBytes(StandardCharsets.US_ASCII)))).isEqualTo(
                "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
    }

    @Test
    void referenceKatKeyedEmptyInput() {
        // BLAKE2 reference blake2b-kat.txt, first entry: in = (empty), key = 00..3f.
        assertThat(encode(Blake2b.keyed(64, KAT_KEY, new byte[0]))).isEqualTo(
                "10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786"
                + "b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568");
    }

    @Test
    void referenceKatKeyedOneByte() {
        // BLAKE2 reference blake2b-kat.txt, second entry: in = 00, key = 00..3f.
        assertThat(encode(Blake2b.keyed(64, KAT_KEY, new byte[] {0}))).isEqualTo(
                "961f6dd1e4dd30f63901690c512e78e4b45e4742ed197c3c5e45c549fd25f2e4"
                + "187b0bc9fe30492b16b0d0bc4ef9b0f34c7003fac09a5ef1532e69430234cebd");
    }

    // Threema multidevice-kdf test-vectors-blake2b.csv (first three rows, as quoted in
    // threema-android ThreemaKDFTest): key, salt, personal, 32-byte output over empty input.
    @ParameterizedTest
    @CsvSource({
        "101692161c717bc3fe893b3dbcfe7424c725fd06624940a1046895fb83960240, 492e, a390519d083d07c5, ae810e70c16cc45692c1d4fedf323ca2ca0218d90dc0f969ab1a7aeb6d3039a8",
        "f8e2fcb4369c164e1cdfff82cb7a2c970f1b9a1553c143bf6aef588c1343c2da, aaf4ad, 9f4c909b3b27f8e5, 5f316d0be440fc40b60bd1c90aab60f1de6f9e2de57d9d0f24b3a3fa02eda76a",
        "88f7c68a72c76747494fec2d9783e2948906d86b2458818b7e9ee7fce856cb72, 00, ef2a504bdb217992, b4da86a0622262e4f8f8bce44aa6a3ee994b61997c1895af2803a98901914cc0"
    })
    void threemaKdfVectorsWithRawSaltAndPersonal(String key, String salt, String personal, String expected) {
        assertThat(encode(Blake2b.hashRaw(32, decode(key), decode(salt), decode(personal), null))).isEqualTo(expected);
    }

    @Test
    void nullAndEmptyKeyMeanUnkeyed() {
        byte[] input = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThat(Blake2b.keyed(64, new byte[0], input)).isEqualTo(Blake2b.hash(64, input));
        assertThat(Blake2b.keyed(64, null, input)).isEqualTo(Blake2b.hash(64, input));
    }

    @Test
    void stringParametersAreZeroPaddedUtf8() {
        byte[] key = new byte[32];
        assertThat(Blake2b.derive(key, "dir", "3ma-csp"))
                .isEqualTo(Blake2b.hashRaw(32, key, "dir".getBytes(StandardCharsets.UTF_8), "3ma-csp".getBytes(StandardCharsets.UTF_8), null));
        byte[] padded = new byte[16];
        padded[0] = 'p';
        assertThat(Blake2b.derive(key, "p", "3ma-mdev")).isEqualTo(Blake2b.hashRaw(32, key, padded, "3ma-mdev".getBytes(StandardCharsets.UTF_8), null));
    }

    @Test
    void outputLengthIsHonouredAndChangesTheHash() {
        for (int len = 1; len <= 64; len++) {
            assertThat(Blake2b.hash(len, new byte[10])).hasSize(len);
        }
        // The output length is part of the parameter block, so a short hash is not a prefix of a long one.
        assertThat(encode(Blake2b.hash(64, new byte[0]))).doesNotStartWith(encode(Blake2b.hash(32, new byte[0])));
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> Blake2b.hash(0, new byte[0])).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> Blake2b.hash(65, new byte[0])).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> Blake2b.keyed(32, new byte[65], new byte[0])).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> Blake2b.derive(new byte[32], "seventeen-bytes!!", "x")).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> Blake2b.derive(new byte[32], "x", "äääääääää")).isInstanceOf(CryptoException.class);
    }
}
