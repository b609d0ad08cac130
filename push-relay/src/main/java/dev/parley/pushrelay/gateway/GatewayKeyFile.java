package dev.parley.pushrelay.gateway;

import dev.parley.common.encoding.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a Threema Gateway key file: {@code private:<64 hex>}, optionally followed by a newline. */
public final class GatewayKeyFile {

    private static final String PREFIX = "private:";

    private GatewayKeyFile() {
    }

    public static byte[] read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the Threema Gateway private key file " + file);
        }
        return parse(text);
    }

    static byte[] parse(String text) {
        String trimmed = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (!trimmed.startsWith(PREFIX) || trimmed.length() != PREFIX.length() + 64) {
            throw new IllegalArgumentException("the Threema Gateway key file must hold private:<64 hex characters>");
        }
        try {
            return Hex.decode(trimmed.substring(PREFIX.length()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the Threema Gateway key file must hold private:<64 hex characters>");
        }
    }
}
