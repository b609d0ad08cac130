package dev.parley.common.csp.extension;

import dev.parley.common.codec.Bytes;
import java.util.Arrays;

/**
 * An extension whose type Parley does not know. It is kept, not rejected, so that clients newer
 * than the server still log in (PROTOCOLS.md §5.3 lists only 0x00..0x03).
 *
 * @param type the type byte, 0x04..0xff
 * @param payload the raw payload
 */
public record UnknownExtension(int type, byte[] payload) implements LoginExtension {

    public UnknownExtension {
        if (type <= TYPE_DEVICE_COOKIE || type > 0xff) {
            throw new IllegalArgumentException("type is known or not a byte");
        }
        Bytes.requireLength(payload, 0, LoginExtensions.MAX_PAYLOAD, "extension payload");
    }

    @Override
    public byte[] encodePayload() {
        return payload;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownExtension other && type == other.type
                && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "UnknownExtension[type=" + type + ", payload=" + Bytes.describe(payload) + "]";
    }
}
