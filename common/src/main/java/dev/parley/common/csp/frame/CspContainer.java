package dev.parley.common.csp.frame;

import dev.parley.common.codec.ByteReader;
import dev.parley.common.codec.Bytes;
import dev.parley.common.codec.DecodeException;
import dev.parley.common.csp.payload.CspPayloadType;
import java.util.Arrays;
import java.util.Optional;

/**
 * The decrypted content of a CSP frame box (PROTOCOLS.md §5.4):
 * {@code type u8 || reserved(3 zero bytes) || data}. Non-zero reserved bytes are rejected.
 *
 * <p>The type is kept as a raw byte so that a server can answer an unknown type with its own
 * protocol error; {@link #payloadType()} maps it to {@link CspPayloadType}. Because the box is
 * at most 8192 bytes including its MAC, the data is at most {@link #MAX_DATA_LENGTH} bytes.
 *
 * @param type the payload type byte (§5.5)
 * @param data the payload, decoded by the payload codecs in {@code csp.payload}
 */
public record CspContainer(int type, byte[] data) {

    public static final int HEADER_LENGTH = 4;
    public static final int MAX_LENGTH = CspFrames.MAX_BOX_LENGTH - CspFrames.MAC_LENGTH;
    public static final int MAX_DATA_LENGTH = MAX_LENGTH - HEADER_LENGTH;

    public CspContainer {
        if (type < 0 || type > 0xff) {
            throw new IllegalArgumentException("type is one byte");
        }
        Bytes.requireLength(data, 0, MAX_DATA_LENGTH, "container data");
    }

    public CspContainer(CspPayloadType type, byte[] data) {
        this(type.code(), data);
    }

    public static CspContainer decode(byte[] plaintext) {
        if (plaintext.length > MAX_LENGTH) {
            throw new DecodeException("container too long");
        }
        ByteReader in = new ByteReader(plaintext);
        int type = in.u8("container");
        in.zeros(3, "container reserved");
        return new CspContainer(type, in.rest());
    }

    public byte[] encode() {
        byte[] out = new byte[HEADER_LENGTH + data.length];
        out[0] = (byte) type;
        System.arraycopy(data, 0, out, HEADER_LENGTH, data.length);
        return out;
    }

    public Optional<CspPayloadType> payloadType() {
        return CspPayloadType.fromCode(type);
    }

    /** For the payloads that carry nothing (0x03, 0xd0, 0xd2, 0xd3): rejects any data. */
    public void requireEmptyData() {
        if (data.length != 0) {
            throw new DecodeException("payload must be empty");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CspContainer other && type == other.type
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "CspContainer[type=0x" + Integer.toHexString(type) + ", data="
                + Bytes.describe(data) + "]";
    }
}
