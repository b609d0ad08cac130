package dev.parley.media.blob;

import java.util.Optional;

/**
 * One byte range of a blob, resolved against its size.
 *
 * <p>Only a single range is honoured: a request with several ranges gets the whole blob, which
 * RFC 9110 allows and which is all a resuming download needs.
 */
record ByteRange(long start, long length) {

    private static final int MAX_HEADER_LENGTH = 200;

    long end() {
        return start + length - 1;
    }

    /** Thrown for a well-formed range that lies outside the blob: 416. */
    static final class Unsatisfiable extends RuntimeException {
        Unsatisfiable() {
            super(null, null, false, false);
        }
    }

    /**
     * The range a {@code Range} header asks for; empty means "send everything" (no header, an
     * unknown unit, several ranges, or a malformed value, all of which RFC 9110 lets a server ignore).
     */
    static Optional<ByteRange> parse(String header, long size) {
        if (header == null || header.length() > MAX_HEADER_LENGTH || !header.startsWith("bytes=")) {
            return Optional.empty();
        }
        String spec = header.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (spec.indexOf(',') >= 0 || dash < 0) {
            return Optional.empty();
        }
        String first = spec.substring(0, dash).trim();
        String last = spec.substring(dash + 1).trim();
        try {
            if (first.isEmpty()) {
                long suffix = Long.parseLong(last);
                if (suffix <= 0 || size == 0) {
                    throw new Unsatisfiable();
                }
                long length = Math.min(suffix, size);
                return Optional.of(new ByteRange(size - length, length));
            }
            long start = Long.parseLong(first);
            long end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
            if (start < 0 || (!last.isEmpty() && Long.parseLong(last) < start)) {
                return Optional.empty();
            }
            if (start >= size) {
                throw new Unsatisfiable();
            }
            return Optional.of(new ByteRange(start, end - start + 1));
        } catch (NumberFormatException malformed) {
            return Optional.empty();
        }
    }
}
