package dev.parley.common.crypto;

import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.util.Pack;

/**
 * The HSalsa20 core (XSalsa20 paper, section 2): the Salsa20 double rounds without the final
 * feed-forward, keeping words 0, 5, 10, 15, 6, 7, 8, 9. BouncyCastle only runs it inside
 * {@code XSalsa20Engine}, so NaCl's {@code crypto_box_beforenm} needs it spelled out here.
 */
final class HSalsa20 {

    /** "expand 32-byte k" as little-endian words, the constant of Salsa20 with a 32-byte key. */
    static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
    private static final int[] OUTPUT_WORDS = {0, 5, 10, 15, 6, 7, 8, 9};

    private HSalsa20() {
    }

    static byte[] derive(byte[] key, byte[] input) {
        int[] state = new int[16];
        state[0] = SIGMA[0];
        state[5] = SIGMA[1];
        state[10] = SIGMA[2];
        state[15] = SIGMA[3];
        Pack.littleEndianToInt(key, 0, state, 1, 4);
        Pack.littleEndianToInt(key, 16, state, 11, 4);
        Pack.littleEndianToInt(input, 0, state, 6, 4);

        int[] mixed = new int[16];
        Salsa20Engine.salsaCore(20, state, mixed);

        // salsaCore adds the input back in (the Salsa20 feed-forward); HSalsa20 has none.
        byte[] out = new byte[32];
        for (int i = 0; i < OUTPUT_WORDS.length; i++) {
            int w = OUTPUT_WORDS[i];
            Pack.intToLittleEndian(mixed[w] - state[w], out, 4 * i);
        }
        java.util.Arrays.fill(state, 0);
        java.util.Arrays.fill(mixed, 0);
        return out;
    }
}
