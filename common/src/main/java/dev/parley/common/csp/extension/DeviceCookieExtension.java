package dev.parley.common.csp.extension;

import dev.parley.common.codec.Bytes;
import java.util.Arrays;

/**
 * Extension 0x03, device-cookie (PROTOCOLS.md §5.3): exactly 16 random bytes per device. The
 * server compares it with the last stored cookie to detect a second device using the same key.
 *
 * @param cookie the 16-byte cookie
 */
public record DeviceCookieExtension(byte[] cookie) implements LoginExtension {

    public static final int LENGTH = 16;

    public DeviceCookieExtension {
        Bytes.requireLength(cookie, LENGTH, "device cookie");
    }

    @Override
    public int type() {
        return TYPE_DEVICE_COOKIE;
    }

    @Override
    public byte[] encodePayload() {
        return cookie;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceCookieExtension other && Arrays.equals(cookie, other.cookie);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(cookie);
    }

    @Override
    public String toString() {
        return "DeviceCookieExtension[" + Bytes.describe(cookie) + "]";
    }
}
