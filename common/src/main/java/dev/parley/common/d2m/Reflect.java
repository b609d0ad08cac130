package dev.parley.common.d2m;

import dev.parley.common.codec.ByteReader;
import dev.parley.common.codec.ByteWriter;
import dev.parley.common.codec.Bytes;
import dev.parley.common.codec.DecodeException;
import java.util.Arrays;

/**
 * Reflect, D2M payload 0x80 from a device (PROTOCOLS.md §6.5):
 * {@code header-length u8 || reserved u8 || flags u16-le || reflect-id u32-le || envelope}.
 *
 * <p>The header length counts itself, so the envelope starts at offset header-length. A decoder
 * rejects a header length below {@link #HEADER_LENGTH} and skips any extra header bytes beyond
 * it, as clients do, so that a future header field does not break older mediators. The reserved
 * byte (and any skipped header bytes) are not defined as zero by the spec and are ignored;
 * {@link #encode()} writes an 8-byte header with a zero reserved byte.
 *
 * @param flags u16 flags, see {@link ReflectFlags}
 * @param reflectId u32 reflect ID, unique per connection
 * @param envelope the encrypted {@code d2d.Envelope} ({@code nonce || box}), opaque here
 */
public record Reflect(int flags, long reflectId, byte[] envelope) {

    public static final int HEADER_LENGTH = 8;
    public static final int MAX_ENVELOPE_LENGTH = D2mContainer.MAX_PAYLOAD_LENGTH - HEADER_LENGTH;

    public Reflect {
        Checks.u16(flags, "flags");
        Checks.u32(reflectId, "reflectId");
        Bytes.requireLength(envelope, 0, MAX_ENVELOPE_LENGTH, "envelope");
    }

    public static Reflect decode(byte[] payload) {
        if (payload.length > D2mContainer.MAX_PAYLOAD_LENGTH) {
            throw new DecodeException("reflect too long");
        }
        ByteReader in = new ByteReader(payload);
        int headerLength = in.u8("reflect header");
        if (headerLength < HEADER_LENGTH) {
            throw new DecodeException("reflect header too short");
        }
        in.require(headerLength - 1, "reflect header");
        in.skip(1, "reflect header");
        int flags = in.u16le("reflect header");
        long reflectId = in.u32le("reflect header");
        in.skip(headerLength - HEADER_LENGTH, "reflect header");
        return new Reflect(flags, reflectId, in.rest());
    }

    public boolean ephemeral() {
        return ReflectFlags.isEphemeral(flags);
    }

    public byte[] encode() {
        return new ByteWriter(HEADER_LENGTH + envelope.length)
                .u8(HEADER_LENGTH).zeros(1).u16le(flags).u32le(reflectId).bytes(envelope)
                .toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reflect r && flags == r.flags && reflectId == r.reflectId
                && Arrays.equals(envelope, r.envelope);
    }

    @Override
    public int hashCode() {
        return (31 * flags + Long.hashCode(reflectId)) * 31 + Arrays.hashCode(envelope);
    }

    @Override
    public String toString() {
        return "Reflect[flags=0x" + Integer.toHexString(flags) + ", reflectId=" + reflectId
                + ", envelope=" + Bytes.describe(envelope) + "]";
    }
}
