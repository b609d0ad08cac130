package dev.parley.common.csp.payload;

import dev.parley.common.codec.ByteReader;
import dev.parley.common.codec.Bytes;
import dev.parley.common.codec.DecodeException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Set-push-notification-token, payloads 0x20 and 0x24 (PROTOCOLS.md §5.5):
 * {@code type u8 || token}, the token at most 255 bytes. Android sends identical bytes with both
 * payload types. The type byte is kept raw so that the push logic, not the codec, decides what
 * to do with a type it cannot deliver to; {@link #knownType()} maps it.
 *
 * @param type the token type byte, see {@link PushTokenType}
 * @param token the token bytes (ASCII for FCM, {@code appId|token} for HMS, empty to clear)
 */
public record PushToken(int type, byte[] token) {

    public static final int MAX_TOKEN_LENGTH = 255;

    public PushToken {
        if (type < 0 || type > 0xff) {
            throw new IllegalArgumentException("type is one byte");
        }
        Bytes.requireLength(token, 0, MAX_TOKEN_LENGTH, "push token");
    }

    public PushToken(PushTokenType type, byte[] token) {
        this(type.code(), token);
    }

    public static PushToken decode(byte[] data) {
        if (data.length > 1 + MAX_TOKEN_LENGTH) {
            throw new DecodeException("push token too long");
        }
        ByteReader in = new ByteReader(data);
        int type = in.u8("push token");
        return new PushToken(type, in.rest());
    }

    public byte[] encode() {
        byte[] out = new byte[1 + token.length];
        out[0] = (byte) type;
        System.arraycopy(token, 0, out, 1, token.length);
        return out;
    }

    public Optional<PushTokenType> knownType() {
        return PushTokenType.fromCode(type);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PushToken other && type == other.type
                && Arrays.equals(token, other.token);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(token);
    }

    /** Shows the type and length only: push tokens are credentials. */
    @Override
    public String toString() {
        return "PushToken[type=0x" + Integer.toHexString(type) + ", token="
                + Bytes.describe(token) + "]";
    }
}
