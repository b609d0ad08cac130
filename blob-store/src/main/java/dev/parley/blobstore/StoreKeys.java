package dev.parley.blobstore;

import java.util.regex.Pattern;

/** Keys are restricted so that every backend can use them verbatim as file or object names. */
final class StoreKeys {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{1,127}");

    private StoreKeys() {
    }

    static String check(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("invalid store key");
        }
        return key;
    }
}
