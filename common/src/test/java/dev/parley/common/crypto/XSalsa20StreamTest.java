package dev.parley.common.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;

/** The word-wise stream framing against BouncyCastle's own XSalsa20 engine, at every block boundary. */
class XSalsa20StreamTest {

    private static byte[] reference(byte[] key, byte[] nonce, byte[] input) {
        XSalsa20Engine engine = new XSalsa20Engine();
        engine.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        byte[] out = new byte[input.length];
        engine.processBytes(input, 0, input.length, out, 0);
        return out;
    }

    @Test
    void matchesBouncyCastleForEveryLengthAroundBlockBoundaries() {
        byte[] key = CryptoRandom.bytes(32);
        byte[] nonce = CryptoRandom.bytes(24);
        for (int length = 0; length <= 260; length++) {
            byte[] input = CryptoRandom.bytes(length);
            assertThat(XSalsa20.xor(key, nonce, input)).as("length %d", length).isEqualTo(reference(key, nonce, input));
        }
    }

    @Property(tries = 300)
    void chunkedXorEqualsOneShot(@ForAll @Size(max = 600) byte[] input, @ForAll @IntRange(min = 1, max = 70) int chunk,
                                 @ForAll @IntRange(min = 0, max = 7) int offset) {
        byte[] key = CryptoRandom.bytes(32);
        byte[] nonce = CryptoRandom.bytes(24);
        XSalsa20Stream stream = new XSalsa20Stream(key);
        stream.start(nonce);
        byte[] in = new byte[offset + input.length];
        System.arraycopy(input, 0, in, offset, input.length);
        byte[] out = new byte[input.length + 3];
        for (int pos = 0; pos < input.length; pos += chunk) {
            int n = Math.min(chunk, input.length - pos);
            stream.xor(in, offset + pos, n, out, pos);
        }
        assertThat(Arrays.copyOf(out, input.length)).isEqualTo(reference(key, nonce, input));
    }

    @Test
    void restartingResetsThePosition() {
        byte[] key = CryptoRandom.bytes(32);
        byte[] nonce = CryptoRandom.bytes(24);
        XSalsa20Stream stream = new XSalsa20Stream(key);
        byte[] first = new byte[100];
        byte[] second = new byte[100];
        stream.start(nonce);
        stream.xor(new byte[100], 0, 37, first, 0);
        stream.start(nonce);
        stream.xor(new byte[100], 0, 100, second, 0);
        assertThat(Arrays.copyOf(first, 37)).isEqualTo(Arrays.copyOf(second, 37));
    }
}
