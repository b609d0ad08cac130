package dev.parley.directory.identity;

/** Feature mask bits (PROTOCOLS.md §1.4) and the deprecated feature level derived from them. */
public final class FeatureMask {

    /** The old feature levels, in order: each level adds the next capability. */
    private static final long[] LEVEL_BITS = {
            0x0001, // 0: voice messages
            0x0002, // 1: groups
            0x0004, // 2: polls
            0x0008, // 3: files
            0x0010, // 4: audio calls
            0x0020, // 5: video calls
    };

    private FeatureMask() {
    }

    /**
     * The highest level whose capabilities the mask all has, or 0 when even voice messages are
     * missing; only very old clients read it.
     */
    public static int legacyFeatureLevel(long mask) {
        int level = 0;
        for (int i = 0; i < LEVEL_BITS.length; i++) {
            if ((mask & LEVEL_BITS[i]) == 0) {
                break;
            }
            level = i;
        }
        return level;
    }
}
