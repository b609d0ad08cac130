package dev.parley.blobstore;

/**
 * Keys are restricted so that every backend can use them verbatim as file or object names: 2 to
 * 128 characters of {@code [A-Za-z0-9_-]}, the first a letter or digit. Checked on every read, so
 * by hand rather than with a regular expression.
 */
final class StoreKeys {

    private static final int MIN_LENGTH = 2;
    private static final int MAX_LENGTH = 128;

    private StoreKeys() {
    }

    static String check(String key) {
        if (key == null || key.length() < MIN_LENGTH || key.length() > MAX_LENGTH || !alphanumeric(key.charAt(0))) {
            throw new IllegalArgumentException("invalid store key");
        }
        for (int i = 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!alphanumeric(c) && c != '_' && c != '-') {
                throw new IllegalArgumentException("invalid store key");
            }
        }
        return key;
    }

    private static boolean alphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
