package dev.parley.common.crypto;

import static dev.parley.common.encoding.Hex.decode;
import static dev.parley.common.encoding.Hex.encode;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class Ed25519Test {

    // RFC 8032 §7.1, TEST 1 (empty message), TEST 2 (72), TEST 3 (af82).
    @ParameterizedTest(name = "RFC 8032 TEST {index}")
    @CsvSource({
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60, d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a, '', e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb, 3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c, 72, 92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7, fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025, af82, 6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
    })
    void rfc8032Vectors(String secret, String publicKey, String message, String signature) {
        byte[] msg = decode(message);
        assertThat(encode(Ed25519.publicKey(decode(secret)))).isEqualTo(publicKey);
        assertThat(encode(Ed25519.sign(decode(secret), msg))).isEqualTo(signature);
        assertThat(Ed25519.verify(decode(publicKey), msg, decode(signature))).isTrue();

        byte[] badSig = decode(signature);
        badSig[5] ^= 1;
        assertThat(Ed25519.verify(decode(publicKey), msg, badSig)).isFalse();
        byte[] otherMsg = new byte[msg.length + 1];
        assertThat(Ed25519.verify(decode(publicKey), otherMsg, decode(signature))).isFalse();
    }

    @Test
    void malformedInputIsFalseNotAnException() {
        Ed25519.KeyPair pair = Ed25519.generateKeyPair();
        byte[] msg = {1, 2, 3};
        byte[] sig = Ed25519.sign(pair.secretKey(), msg);
        assertThat(Ed25519.verify(pair.publicKey(), msg, sig)).isTrue();
        assertThat(Ed25519.verify(pair.publicKey(), msg, new byte[63])).isFalse();
        assertThat(Ed25519.verify(pair.publicKey(), msg, new byte[65])).isFalse();
        assertThat(Ed25519.verify(pair.publicKey(), msg, new byte[0])).isFalse();
        assertThat(Ed25519.verify(pair.publicKey(), msg, null)).isFalse();
        assertThat(Ed25519.verify(new byte[31], msg, sig)).isFalse();
        assertThat(Ed25519.verify(null, msg, sig)).isFalse();
        assertThat(Ed25519.verify(pair.publicKey(), null, sig)).isFalse();
        byte[] notAPoint = new byte[32];
        java.util.Arrays.fill(notAPoint, (byte) 0xff);
        assertThat(Ed25519.verify(notAPoint, msg, sig)).isFalse();
        byte[] allOnesSig = new byte[64];
        java.util.Arrays.fill(allOnesSig, (byte) 0xff);
        assertThat(Ed25519.verify(pair.publicKey(), msg, allOnesSig)).isFalse();
    }

    @Test
    void keyPairNeverPrintsSecret() {
        Ed25519.KeyPair pair = Ed25519.generateKeyPair();
        assertThat(pair.toString()).doesNotContain(encode(pair.secretKey())).contains(encode(pair.publicKey()));
        assertThat(Ed25519.KeyPair.fromSecretKey(pair.secretKey())).isEqualTo(pair);
    }
}
