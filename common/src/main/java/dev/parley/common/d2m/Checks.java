package dev.parley.common.d2m;

/** Argument checks shared by the reflection records; violations are programming errors. */
final class Checks {

    private Checks() {
    }

    static void u16(int value, String what) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException(what + " is a u16");
        }
    }

    static void u32(long value, String what) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException(what + " is a u32");
        }
    }
}
