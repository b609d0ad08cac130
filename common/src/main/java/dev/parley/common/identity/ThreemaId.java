package dev.parley.common.identity;

import java.nio.charset.StandardCharsets;

/**
 * An 8-character identity: {@code [A-Z0-9]}, or a gateway ID that starts with {@code *}
 * followed by seven such characters. On the wire it is 8 ASCII bytes.
 */
public record ThreemaId(String value) implements Comparable<ThreemaId> {

    public static final int LENGTH = 8;

    public ThreemaId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a valid identity");
        }
    }

    public static ThreemaId of(String value) {
        return new ThreemaId(value);
    }

    /** Reads 8 ASCII bytes at {@code offset}; throws when they do not form a valid identity. */
    public static ThreemaId fromBytes(byte[] bytes, int offset) {
        if (offset < 0 || bytes.length - offset < LENGTH) {
            throw new IllegalArgumentException("identity needs " + LENGTH + " bytes");
        }
        char[] chars = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            chars[i] = (char) (bytes[offset + i] & 0xff);
        }
        return new ThreemaId(new String(chars));
    }

    public static boolean isValid(String value) {
        if (value == null || value.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = value.charAt(i);
            boolean alnum = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && !(i == 0 && c == '*')) {
                return false;
            }
        }
        return true;
    }

    public boolean isGateway() {
        return value.charAt(0) == '*';
    }

    public byte[] toBytes() {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public int compareTo(ThreemaId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
