package dev.parley.common.crypto;

/** Comparisons whose running time does not depend on where the inputs first differ. */
public final class ConstantTime {

    private ConstantTime() {
    }

    /** True when both arrays have the same length and content; null equals nothing. */
    public static boolean equals(byte[] a, byte[] b) {
        if (a == null || b == null || a.length != b.length) {
            return false;
        }
        return equals(a, 0, b, 0, a.length);
    }

    /** Compares {@code length} bytes of {@code a} at {@code aOff} with {@code b} at {@code bOff}. */
    public static boolean equals(byte[] a, int aOff, byte[] b, int bOff, int length) {
        Checks.range(a, aOff, length, "first operand");
        Checks.range(b, bOff, length, "second operand");
        int diff = 0;
        for (int i = 0; i < length; i++) {
            diff |= a[aOff + i] ^ b[bOff + i];
        }
        return diff == 0;
    }

    static boolean isZero(byte[] a) {
        int acc = 0;
        for (byte b : a) {
            acc |= b;
        }
        return acc == 0;
    }
}
