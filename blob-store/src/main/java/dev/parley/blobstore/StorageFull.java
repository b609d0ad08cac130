package dev.parley.blobstore;

import java.io.IOException;
import java.util.List;

/**
 * Recognises a store that failed because its disk is full or its quota used up, wherever in the
 * chain of causes that was reported: by the write itself, the final sync, or a spool file.
 */
public final class StorageFull {

    /** The JDK reports ENOSPC and EDQUOT only through the system's message. */
    private static final List<String> REASONS = List.of("No space left on device", "Disk quota exceeded");
    /** Causes can form a cycle; a real chain is a handful deep. */
    private static final int MAX_DEPTH = 32;

    private StorageFull() {
    }

    public static boolean causedBy(Throwable error) {
        Throwable cause = error;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof IOException && cause.getMessage() != null
                    && REASONS.stream().anyMatch(cause.getMessage()::contains)) {
                return true;
            }
        }
        return false;
    }
}
