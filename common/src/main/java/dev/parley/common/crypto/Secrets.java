package dev.parley.common.crypto;

/** Copy and comparison helpers for the key records, whose components are byte arrays. */
final class Secrets {

    private Secrets() {
    }

    static byte[] copy(byte[] value, int length, String what) {
        return Checks.length(value, length, what).clone();
    }

    static boolean allEqual(byte[][] a, byte[][] b) {
        int diff = 0;
        for (int i = 0; i < a.length; i++) {
            diff |= ConstantTime.equals(a[i], b[i]) ? 0 : 1;
        }
        return diff == 0;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
