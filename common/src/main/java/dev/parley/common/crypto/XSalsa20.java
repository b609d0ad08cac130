package dev.parley.common.crypto;

/**
 * The bare XSalsa20 stream cipher (NaCl {@code crypto_stream_xsalsa20_xor}). It has no
 * integrity protection; only formats that bring their own check (the ID backup) use it.
 */
public final class XSalsa20 {

    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 24;

    private XSalsa20() {
    }

    public static byte[] xor(byte[] key, byte[] nonce, byte[] input) {
        Checks.notNull(input, "input");
        byte[] out = new byte[input.length];
        xor(key, nonce, input, 0, input.length, out, 0);
        return out;
    }

    public static void xor(byte[] key, byte[] nonce, byte[] in, int inOff, int length, byte[] out, int outOff) {
        Checks.length(key, KEY_BYTES, "XSalsa20 key");
        Checks.length(nonce, NONCE_BYTES, "XSalsa20 nonce");
        Checks.range(in, inOff, length, "input");
        Checks.range(out, outOff, length, "output");
        XSalsa20Stream stream = new XSalsa20Stream(key);
        stream.start(nonce);
        stream.xor(in, inOff, length, out, outOff);
        stream.destroy();
    }
}
