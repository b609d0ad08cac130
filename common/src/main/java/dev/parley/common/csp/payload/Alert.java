package dev.parley.common.csp.payload;

import dev.parley.common.codec.ByteReader;
import dev.parley.common.codec.DecodeException;
import dev.parley.common.csp.frame.CspContainer;
import java.nio.charset.StandardCharsets;

/**
 * Alert, payload 0xe1 (PROTOCOLS.md §5.5): a UTF-8 message the client shows to its user.
 * Decoded as strict UTF-8.
 *
 * @param message the text
 */
public record Alert(String message) {

    public Alert {
        if (message == null || message.getBytes(StandardCharsets.UTF_8).length
                > CspContainer.MAX_DATA_LENGTH) {
            throw new IllegalArgumentException("alert missing or too long");
        }
    }

    public static Alert decode(byte[] data) {
        if (data.length > CspContainer.MAX_DATA_LENGTH) {
            throw new DecodeException("alert too long");
        }
        return new Alert(new ByteReader(data).utf8(data.length, "alert"));
    }

    public byte[] encode() {
        return message.getBytes(StandardCharsets.UTF_8);
    }
}
