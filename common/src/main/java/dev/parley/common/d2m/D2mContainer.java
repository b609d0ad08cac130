package dev.parley.common.d2m;

import dev.parley.common.codec.ByteReader;
import dev.parley.common.codec.Bytes;
import dev.parley.common.codec.DecodeException;
import java.util.Arrays;
import java.util.Optional;

/**
 * One D2M WebSocket binary message (PROTOCOLS.md §6.1):
 * {@code type u8 || reserved(3 zero bytes) || payload}, {@link #MIN_LENGTH}..{@link #MAX_LENGTH}
 * bytes in total. Non-zero reserved bytes are rejected. The type stays a raw byte so that the
 * mediator can close with 4010 on an unknown one; {@link #payloadType()} maps it.
 *
 * @param type the payload type byte (§6.2)
 * @param payload the payload, at most 65532 bytes
 */
public record D2mContainer(int type, byte[] payload) {

    public static final int HEADER_LENGTH = 4;
    public static final int MIN_LENGTH = HEADER_LENGTH;
    public static final int MAX_LENGTH = 65536;
    public static final int MAX_PAYLOAD_LENGTH = MAX_LENGTH - HEADER_LENGTH;

    public D2mContainer {
        if (type < 0 || type > 0xff) {
            throw new IllegalArgumentException("type is one byte");
        }
        Bytes.requireLength(payload, 0, MAX_PAYLOAD_LENGTH, "D2M payload");
    }

    public D2mContainer(D2mPayloadType type, byte[] payload) {
        this(type.code(), payload);
    }

    public static D2mContainer decode(byte[] message) {
        if (message.length > MAX_LENGTH) {
            throw new DecodeException("D2M message too long");
        }
        ByteReader in = new ByteReader(message);
        int type = in.u8("D2M message");
        in.zeros(3, "D2M reserved");
        return new D2mContainer(type, in.rest());
    }

    public byte[] encode() {
        byte[] out = new byte[HEADER_LENGTH + payload.length];
        out[0] = (byte) type;
        System.arraycopy(payload, 0, out, HEADER_LENGTH, payload.length);
        return out;
    }

    public Optional<D2mPayloadType> payloadType() {
        return D2mPayloadType.fromCode(type);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof D2mContainer other && type == other.type
                && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "D2mContainer[type=0x" + Integer.toHexString(type) + ", payload="
                + Bytes.describe(payload) + "]";
    }
}
