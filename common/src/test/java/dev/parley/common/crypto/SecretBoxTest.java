package dev.parley.common.crypto;

import static dev.parley.common.encoding.Hex.decode;
import static dev.parley.common.encoding.Hex.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    // NaCl tests/secretbox.c and tests/box.c (also in libsodium test/default/): firstkey, nonce,
    // the 131-byte message and its 147-byte box (MAC || ciphertext, the _easy layout).
    static final byte[] FIRST_KEY = decode("1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389");
    static final byte[] NONCE = decode("69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37");
    static final byte[] MESSAGE = decode(
            "be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffce5ecbaaf33bd751a1ac728d45e6c6129"
            + "6cdc3c01233561f41db66cce314adb310e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde"
            + "048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f937763848645e0705");
    static final byte[] BOX = decode(
            "f3ffc7703f9400e52a7dfb4b3d3305d98e993b9f48681273c29650ba32fc76ce48332ea7164d96a4476fb8c531a1186a"
            + "c0dfc17c98dce87b4da7f011ec48c97271d2c20f9b928fe2270d6fb863d51738b48eeee314a7cc8ab932164548e526ae"
            + "90224368517acfeabd6bb3732bc0e9da99832b61ca01b6de56244a9e88d5f9b37973f622a43d14a6599b1f654cb45a74"
            + "e355a5");

    @Test
    void naclVectorSeals() {
        assertThat(MESSAGE).hasSize(131);
        assertThat(encode(SecretBox.seal(FIRST_KEY, NONCE, MESSAGE))).isEqualTo(encode(BOX));
    }

    @Test
    void naclVectorOpens() {
        assertThat(SecretBox.open(FIRST_KEY, NONCE, BOX)).isEqualTo(MESSAGE);
    }

    @Test
    void reusableInstanceSealsAtOffsetsAndInPlace() {
        SecretBox box = SecretBox.withKey(FIRST_KEY);
        byte[] out = new byte[7 + BOX.length + 5];
        byte[] in = new byte[3 + MESSAGE.length];
        System.arraycopy(MESSAGE, 0, in, 3, MESSAGE.length);
        assertThat(box.seal(NONCE, in, 3, MESSAGE.length, out, 7)).isEqualTo(BOX.length);
        assertThat(Arrays.copyOfRange(out, 7, 7 + BOX.length)).isEqualTo(BOX);

        byte[] inPlace = new byte[SecretBox.MAC_BYTES + MESSAGE.length];
        System.arraycopy(MESSAGE, 0, inPlace, SecretBox.MAC_BYTES, MESSAGE.length);
        box.seal(NONCE, inPlace, SecretBox.MAC_BYTES, MESSAGE.length, inPlace, 0);
        assertThat(inPlace).isEqualTo(BOX);
        assertThat(box.open(NONCE, inPlace, 0, inPlace.length, inPlace, SecretBox.MAC_BYTES)).isEqualTo(MESSAGE.length);
        assertThat(Arrays.copyOfRange(inPlace, SecretBox.MAC_BYTES, inPlace.length)).isEqualTo(MESSAGE);

        // The same instance keeps producing the right answer across calls.
        assertThat(box.seal(NONCE, MESSAGE)).isEqualTo(BOX);
        assertThat(box.open(NONCE, BOX)).isEqualTo(MESSAGE);
    }

    @Test
    void everyFlippedBitPositionFailsAuthentication() {
        SecretBox box = SecretBox.withKey(FIRST_KEY);
        for (int i = 0; i < BOX.length; i++) {
            byte[] tampered = BOX.clone();
            tampered[i] ^= 0x01;
            assertThatThrownBy(() -> box.open(NONCE, tampered)).isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    void failedOpenWritesNothing() {
        byte[] tampered = BOX.clone();
        tampered[20] ^= (byte) 0x80;
        byte[] out = new byte[MESSAGE.length];
        assertThatThrownBy(() -> SecretBox.withKey(FIRST_KEY).open(NONCE, tampered, 0, tampered.length, out, 0))
                .isInstanceOf(AuthenticationException.class);
        assertThat(out).containsOnly(0);
    }

    @Test
    void truncatedBoxesFailClosed() {
        for (int len = 0; len < BOX.length; len++) {
            byte[] truncated = Arrays.copyOf(BOX, len);
            assertThatThrownBy(() -> SecretBox.open(FIRST_KEY, NONCE, truncated))
                    .isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    void wrongKeyOrNonceFailsAuthentication() {
        byte[] otherKey = FIRST_KEY.clone();
        otherKey[31] ^= 1;
        byte[] otherNonce = NONCE.clone();
        otherNonce[0] ^= 1;
        assertThatThrownBy(() -> SecretBox.open(otherKey, NONCE, BOX)).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> SecretBox.open(FIRST_KEY, otherNonce, BOX)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void wrongLengthsAndRangesAreTypedErrors() {
        assertThatThrownBy(() -> SecretBox.seal(new byte[31], NONCE, MESSAGE)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> SecretBox.seal(FIRST_KEY, new byte[12], MESSAGE)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> SecretBox.open(FIRST_KEY, null, BOX)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> SecretBox.seal(FIRST_KEY, NONCE, null)).isInstanceOf(CryptoException.class);
        SecretBox box = SecretBox.withKey(FIRST_KEY);
        assertThatThrownBy(() -> box.seal(NONCE, MESSAGE, 0, MESSAGE.length, new byte[MESSAGE.length], 0))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> box.seal(NONCE, MESSAGE, 10, MESSAGE.length, new byte[200], 0))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> box.open(NONCE, BOX, -1, 20, new byte[200], 0)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> box.open(NONCE, BOX, 0, BOX.length, new byte[10], 0)).isInstanceOf(CryptoException.class);
    }

    @Test
    void emptyMessageRoundTrips() {
        byte[] sealed = SecretBox.seal(FIRST_KEY, NONCE, new byte[0]);
        assertThat(sealed).hasSize(SecretBox.MAC_BYTES);
        assertThat(SecretBox.open(FIRST_KEY, NONCE, sealed)).isEmpty();
    }

    @Property(tries = 200)
    void roundTrips(@ForAll @Size(max = 2000) byte[] message, @ForAll @Size(value = 32) byte[] key,
                    @ForAll @Size(value = 24) byte[] nonce) {
        SecretBox box = SecretBox.withKey(key);
        byte[] sealed = box.seal(nonce, message);
        assertThat(sealed).hasSize(message.length + SecretBox.MAC_BYTES);
        assertThat(box.open(nonce, sealed)).isEqualTo(message);
        assertThat(SecretBox.open(key, nonce, sealed)).isEqualTo(message);
    }

    @Test
    void destroyedInstanceNoLongerOpens() {
        SecretBox box = SecretBox.withKey(FIRST_KEY);
        box.destroy();
        assertThatThrownBy(() -> box.open(NONCE, BOX)).isInstanceOf(AuthenticationException.class);
    }
}
