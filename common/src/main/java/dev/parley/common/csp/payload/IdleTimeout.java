package dev.parley.common.csp.payload;

import dev.parley.common.codec.ByteReader;
import dev.parley.common.codec.ByteWriter;
import dev.parley.common.codec.DecodeException;

/**
 * Set-connection-idle-timeout, payload 0x30 (PROTOCOLS.md §5.5): u16-le seconds, valid
 * {@link #MIN_SECONDS}..{@link #MAX_SECONDS}. Values outside that range are rejected rather
 * than clamped: a client asking for more than 600 s would otherwise be disconnected earlier than
 * it expects. Android sends 120 on a direct connection and 30 through the mediator.
 *
 * @param seconds the idle timeout
 */
public record IdleTimeout(int seconds) {

    public static final int MIN_SECONDS = 30;
    public static final int MAX_SECONDS = 600;
    /** The server's timeout before a client sets one: 5 minutes. */
    public static final int DEFAULT_SECONDS = 300;
    public static final int LENGTH = 2;

    public IdleTimeout {
        if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("idle timeout must be 30..600 s");
        }
    }

    public static IdleTimeout decode(byte[] data) {
        ByteReader in = new ByteReader(data);
        int seconds = in.u16le("idle timeout");
        in.end("idle timeout");
        if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
            throw new DecodeException("idle timeout out of range");
        }
        return new IdleTimeout(seconds);
    }

    public byte[] encode() {
        return new ByteWriter(LENGTH).u16le(seconds).toArray();
    }
}
