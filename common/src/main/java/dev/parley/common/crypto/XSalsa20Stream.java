package dev.parley.common.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.util.Pack;

/**
 * A reusable XSalsa20 key stream: BouncyCastle's Salsa20 core, with the stream framing done
 * here. {@code XSalsa20Engine.processBytes} walks the key stream one byte at a time and
 * re-derives the key schedule into fresh arrays on every {@code init}; for the small boxes of
 * the chat protocol that overhead was larger than the cipher itself. This class XORs whole
 * 32-bit words and keeps all of its state in fields, so a message allocates nothing.
 *
 * <p>Not thread-safe: one instance per {@link SecretBox}.
 */
final class XSalsa20Stream {

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final int[] SIGMA = HSalsa20.SIGMA;
    private static final int ROUNDS = 20;
    private static final int BLOCK = 64;

    private final int[] keyWords = new int[8];
    private final int[] hsalsaIn = new int[16];
    private final int[] state = new int[16];
    private final int[] block = new int[16];
    /** Bytes of {@link #block} already used; {@link #BLOCK} means the next byte needs a new block. */
    private int used = BLOCK;

    XSalsa20Stream(byte[] key) {
        Pack.littleEndianToInt(key, 0, keyWords, 0, 8);
    }

    /** Starts the stream for {@code nonce} at position 0: HSalsa20 subkey, then Salsa20 with the nonce's last 8 bytes. */
    void start(byte[] nonce) {
        int[] h = hsalsaIn;
        h[0] = SIGMA[0];
        h[5] = SIGMA[1];
        h[10] = SIGMA[2];
        h[15] = SIGMA[3];
        System.arraycopy(keyWords, 0, h, 1, 4);
        System.arraycopy(keyWords, 4, h, 11, 4);
        h[6] = (int) INT_LE.get(nonce, 0);
        h[7] = (int) INT_LE.get(nonce, 4);
        h[8] = (int) INT_LE.get(nonce, 8);
        h[9] = (int) INT_LE.get(nonce, 12);
        Salsa20Engine.salsaCore(ROUNDS, h, block);

        int[] s = state;
        s[0] = SIGMA[0];
        s[5] = SIGMA[1];
        s[10] = SIGMA[2];
        s[15] = SIGMA[3];
        // HSalsa20 output is the core without its feed-forward, which salsaCore always adds.
        s[1] = block[0] - h[0];
        s[2] = block[5] - h[5];
        s[3] = block[10] - h[10];
        s[4] = block[15] - h[15];
        s[11] = block[6] - h[6];
        s[12] = block[7] - h[7];
        s[13] = block[8] - h[8];
        s[14] = block[9] - h[9];
        s[6] = (int) INT_LE.get(nonce, 16);
        s[7] = (int) INT_LE.get(nonce, 20);
        s[8] = 0;
        s[9] = 0;
        used = BLOCK;
    }

    /** XORs the next {@code length} stream bytes into {@code in}, writing to {@code out}; exact in-place use is fine. */
    void xor(byte[] in, int inOff, int length, byte[] out, int outOff) {
        int i = inOff;
        int o = outOff;
        int end = inOff + length;
        // Finish the current block: byte-wise up to a word boundary, then word-wise.
        while (i < end && used < BLOCK && (used & 3) != 0) {
            out[o++] = (byte) (in[i++] ^ streamByte(used++));
        }
        while (end - i >= 4 && used < BLOCK) {
            INT_LE.set(out, o, (int) INT_LE.get(in, i) ^ block[used >> 2]);
            used += 4;
            i += 4;
            o += 4;
        }
        // Whole blocks.
        while (end - i >= BLOCK) {
            nextBlock();
            int[] b = block;
            for (int w = 0; w < 16; w++) {
                INT_LE.set(out, o + 4 * w, (int) INT_LE.get(in, i + 4 * w) ^ b[w]);
            }
            used = BLOCK;
            i += BLOCK;
            o += BLOCK;
        }
        // Tail.
        while (i < end) {
            if (used == BLOCK) {
                nextBlock();
            }
            out[o++] = (byte) (in[i++] ^ streamByte(used++));
        }
    }

    private int streamByte(int index) {
        return block[index >> 2] >>> ((index & 3) << 3);
    }

    private void nextBlock() {
        Salsa20Engine.salsaCore(ROUNDS, state, block);
        if (++state[8] == 0) {
            ++state[9];
        }
        used = 0;
    }

    void destroy() {
        Arrays.fill(keyWords, 0);
        Arrays.fill(hsalsaIn, 0);
        Arrays.fill(state, 0);
        Arrays.fill(block, 0);
    }
}
