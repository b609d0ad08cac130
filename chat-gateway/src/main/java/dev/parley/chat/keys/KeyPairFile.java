package dev.parley.chat.keys;

import dev.parley.common.encoding.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a key pair file: lines {@code secret:<64 hex>} and {@code public:<64 hex>}, blank lines
 * and {@code #} comments ignored. The standalone launcher writes this format.
 */
final class KeyPairFile {

    private static final int KEY_HEX_LENGTH = 64;

    private KeyPairFile() {
    }

    /** Returns {@code [secret, public]}; messages never contain key material. */
    static byte[][] read(Path file) throws IOException {
        Map<String, String> fields = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(file + ": expected 'name:value' lines");
            }
            fields.put(trimmed.substring(0, colon).strip(), trimmed.substring(colon + 1).strip());
        }
        return new byte[][] {field(file, fields, "secret"), field(file, fields, "public")};
    }

    private static byte[] field(Path file, Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (!Hex.isLowercaseHex(value, KEY_HEX_LENGTH)) {
            throw new IllegalArgumentException(file + ": '" + name + "' must be " + KEY_HEX_LENGTH + " lowercase hex digits");
        }
        return Hex.decode(value);
    }
}
