package dev.parley.common.crypto;

import static dev.parley.common.encoding.Hex.decode;
import static dev.parley.common.encoding.Hex.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class X25519Test {

    // RFC 7748 §6.1 (Alice and Bob); the same keys are NaCl's alicesk/bobsk in tests/box.c.
    static final byte[] ALICE_SK = decode("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    static final byte[] ALICE_PK = decode("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    static final byte[] BOB_SK = decode("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    static final byte[] BOB_PK = decode("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");

    @Test
    void rfc7748Section52FirstVector() {
        byte[] scalar = decode("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
        byte[] u = decode("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c");
        assertThat(encode(X25519.sharedSecret(scalar, u)))
                .isEqualTo("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
    }

    @Test
    void rfc7748Section52SecondVector() {
        byte[] scalar = decode("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d");
        byte[] u = decode("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493");
        assertThat(encode(X25519.sharedSecret(scalar, u)))
                .isEqualTo("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
    }

    @Test
    void rfc7748Section52IteratedOnceAndThousandTimes() {
        byte[] k = decode("0900000000000000000000000000000000000000000000000000000000000000");
        byte[] u = k.clone();
        for (int i = 1; i <= 1000; i++) {
            byte[] next = X25519.sharedSecret(k, u);
            u = k;
            k = next;
            if (i == 1) {
                assertThat(encode(k)).isEqualTo("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079");
            }
        }
        assertThat(encode(k)).isEqualTo("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");
    }

    @Test
    void rfc7748Section61AliceAndBob() {
        assertThat(X25519.publicKey(ALICE_SK)).isEqualTo(ALICE_PK);
        assertThat(X25519.publicKey(BOB_SK)).isEqualTo(BOB_PK);
        String shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
        assertThat(encode(X25519.sharedSecret(ALICE_SK, BOB_PK))).isEqualTo(shared);
        assertThat(encode(X25519.sharedSecret(BOB_SK, ALICE_PK))).isEqualTo(shared);
    }

    @Test
    void beforenmMatchesNaclFirstKey() {
        // NaCl tests/box.c and core1.c: crypto_box_beforenm(bobpk, alicesk) = firstkey.
        String firstKey = "1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389";
        assertThat(encode(X25519.beforenm(ALICE_SK, BOB_PK))).isEqualTo(firstKey);
        assertThat(encode(X25519.beforenm(BOB_SK, ALICE_PK))).isEqualTo(firstKey);
    }

    @Test
    void rejectsLowOrderPublicKeys() {
        byte[] zero = new byte[32];
        byte[] one = new byte[32];
        one[0] = 1;
        // A point of order 8 (listed in the libsodium and Curve25519 low-order point tables).
        byte[] order8 = decode("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");
        for (byte[] bad : new byte[][] {zero, one, order8}) {
            assertThatThrownBy(() -> X25519.sharedSecret(ALICE_SK, bad)).isInstanceOf(CryptoException.class);
            assertThatThrownBy(() -> X25519.beforenm(ALICE_SK, bad)).isInstanceOf(CryptoException.class);
        }
    }

    @Test
    void rejectsWrongLengthsWithTypedException() {
        assertThatThrownBy(() -> X25519.sharedSecret(new byte[31], BOB_PK)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> X25519.sharedSecret(ALICE_SK, new byte[33])).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> X25519.publicKey(null)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> X25519.beforenm(ALICE_SK, new byte[0])).isInstanceOf(CryptoException.class);
    }

    @Test
    void generatedPairsAgree() {
        X25519.KeyPair a = X25519.generateKeyPair();
        X25519.KeyPair b = X25519.generateKeyPair();
        assertThat(a.publicKey()).isEqualTo(X25519.publicKey(a.secretKey()));
        assertThat(X25519.beforenm(a.secretKey(), b.publicKey())).isEqualTo(X25519.beforenm(b.secretKey(), a.publicKey()));
        assertThat(a).isNotEqualTo(b);
        assertThat(X25519.KeyPair.fromSecretKey(a.secretKey())).isEqualTo(a);
    }

    @Test
    void keyPairCopiesAndNeverPrintsSecret() {
        byte[] secret = ALICE_SK.clone();
        X25519.KeyPair pair = X25519.KeyPair.fromSecretKey(secret);
        secret[0] ^= 1;
        assertThat(pair.secretKey()).isEqualTo(ALICE_SK);
        pair.secretKey()[0] ^= 1;
        assertThat(pair.secretKey()).isEqualTo(ALICE_SK);
        assertThat(pair.toString()).contains(encode(ALICE_PK)).doesNotContain(encode(ALICE_SK));
    }
}
