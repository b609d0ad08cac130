package dev.parley.common.d2m.rendezvous;

import dev.parley.common.codec.DecodeException;
import dev.parley.common.encoding.Hex;

/**
 * A rendezvous path (PROTOCOLS.md §6.6): 32 random bytes as 64 lowercase hex characters. The
 * relay URL is {@code wss://rendezvous-{prefix4}.…/{prefix8}/{path}}, where prefix4 and prefix8
 * are the path's first one and two hex digits.
 *
 * @param value the 64 lowercase hex characters
 */
public record RendezvousPath(String value) {

    public static final int LENGTH = 64;

    public RendezvousPath {
        if (!isValid(value)) {
            throw new IllegalArgumentException("rendezvous path must be 64 lowercase hex");
        }
    }

    /** True when {@code text} is exactly 64 lowercase hex characters. */
    public static boolean isValid(CharSequence text) {
        return Hex.isLowercaseHex(text, LENGTH);
    }

    /** The path for 32 random bytes. */
    public static RendezvousPath of(byte[] random32) {
        if (random32.length != LENGTH / 2) {
            throw new IllegalArgumentException("rendezvous path is 32 bytes");
        }
        return new RendezvousPath(Hex.encode(random32));
    }

    /**
     * Parses a relay request path {@code /{prefix8}/{path}} and checks that the prefix matches
     * the path, so the relay can reject a misrouted connection with close code 4000.
     */
    public static RendezvousPath parseRequestPath(String requestPath) {
        if (requestPath.length() != 4 + LENGTH || requestPath.charAt(0) != '/'
                || requestPath.charAt(3) != '/') {
            throw new DecodeException("rendezvous path malformed");
        }
        String path = requestPath.substring(4);
        if (!isValid(path)) {
            throw new DecodeException("rendezvous path not lowercase hex");
        }
        if (!requestPath.regionMatches(1, path, 0, 2)) {
            throw new DecodeException("path prefix does not match rendezvous path");
        }
        return new RendezvousPath(path);
    }

    /** The first byte as two hex digits. */
    public String prefix8() {
        return value.substring(0, 2);
    }

    /** The first nibble as one hex digit. */
    public String prefix4() {
        return value.substring(0, 1);
    }

    /** {@code /{prefix8}/{path}}. */
    public String toRequestPath() {
        return "/" + prefix8() + "/" + value;
    }

    @Override
    public String toString() {
        return "RendezvousPath[" + prefix8() + "…]";
    }
}
