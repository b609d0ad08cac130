package dev.parley.safe.backup;

import dev.parley.common.encoding.Hex;
import java.util.Optional;

/** A backup ID as it appears in the URL: exactly 64 lowercase hex characters (32 bytes). */
public record BackupId(byte[] bytes) {

    public static final int HEX_LENGTH = 64;

    /** The ID for a path segment, or empty when it is not 64 lowercase hex characters. */
    public static Optional<BackupId> parse(String text) {
        if (!Hex.isLowercaseHex(text, HEX_LENGTH)) {
            return Optional.empty();
        }
        return Optional.of(new BackupId(Hex.decode(text)));
    }

    public String hex() {
        return Hex.encode(bytes);
    }

    /** Never the ID itself: record toString would print an array reference, and logs must not show IDs. */
    @Override
    public String toString() {
        return "BackupId[<redacted>]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BackupId that && java.util.Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(bytes);
    }
}
