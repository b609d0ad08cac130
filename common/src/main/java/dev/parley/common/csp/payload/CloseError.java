package dev.parley.common.csp.payload;

import dev.parley.common.codec.ByteReader;
import dev.parley.common.codec.DecodeException;
import dev.parley.common.csp.frame.CspContainer;
import java.nio.charset.StandardCharsets;

/**
 * Close-error, payload 0xe0 (PROTOCOLS.md §5.5): {@code can-reconnect u8 || UTF-8 message}. The
 * spec reads 0 as "no" and every other value as "yes"; {@link #encode()} writes 1 for yes. The
 * message is decoded as strict UTF-8.
 *
 * @param canReconnect whether the client may reconnect automatically
 * @param message a short reason shown to or logged by the client
 */
public record CloseError(boolean canReconnect, String message) {

    public static final int MAX_MESSAGE_BYTES = CspContainer.MAX_DATA_LENGTH - 1;

    public CloseError {
        if (message == null
                || message.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("close-error message missing or too long");
        }
    }

    public static CloseError decode(byte[] data) {
        if (data.length > 1 + MAX_MESSAGE_BYTES) {
            throw new DecodeException("close-error too long");
        }
        ByteReader in = new ByteReader(data);
        boolean canReconnect = in.u8("close-error") != 0;
        String message = in.utf8(in.remaining(), "close-error message");
        return new CloseError(canReconnect, message);
    }

    public byte[] encode() {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[1 + text.length];
        out[0] = (byte) (canReconnect ? 1 : 0);
        System.arraycopy(text, 0, out, 1, text.length);
        return out;
    }
}
