package dev.parley.common.d2m;

import dev.parley.common.codec.ByteReader;
import dev.parley.common.codec.ByteWriter;
import dev.parley.common.codec.Bytes;
import dev.parley.common.codec.DecodeException;
import java.util.Arrays;

/**
 * Reflected, D2M payload 0x82 from the mediator (PROTOCOLS.md §6.5):
 * {@code header-length u8 || reserved u8 || flags u16-le || reflected-id u32-le ||
 * timestamp u64-le || envelope}.
 *
 * <p>As with {@link Reflect}, the header length counts itself; a decoder rejects less than
 * {@link #HEADER_LENGTH} and skips unknown extra header bytes (clients do both). The reserved
 * byte is ignored on decode and written as zero.
 *
 * @param flags u16 flags copied from the reflect, see {@link ReflectFlags}
 * @param reflectedId u32, increasing per device slot and allowed to wrap
 * @param timestamp Unix milliseconds at which the mediator stored the message
 * @param envelope the encrypted {@code d2d.Envelope}, opaque here
 */
public record Reflected(int flags, long reflectedId, long timestamp, byte[] envelope) {

    public static final int HEADER_LENGTH = 16;
    public static final int MAX_ENVELOPE_LENGTH = D2mContainer.MAX_PAYLOAD_LENGTH - HEADER_LENGTH;

    public Reflected {
        Checks.u16(flags, "flags");
        Checks.u32(reflectedId, "reflectedId");
        Bytes.requireLength(envelope, 0, MAX_ENVELOPE_LENGTH, "envelope");
    }

    public static Reflected decode(byte[] payload) {
        if (payload.length > D2mContainer.MAX_PAYLOAD_LENGTH) {
            throw new DecodeException("reflected too long");
        }
        ByteReader in = new ByteReader(payload);
        int headerLength = in.u8("reflected header");
        if (headerLength < HEADER_LENGTH) {
            throw new DecodeException("reflected header too short");
        }
        in.require(headerLength - 1, "reflected header");
        in.skip(1, "reflected header");
        int flags = in.u16le("reflected header");
        long reflectedId = in.u32le("reflected header");
        long timestamp = in.u64le("reflected header");
        in.skip(headerLength - HEADER_LENGTH, "reflected header");
        return new Reflected(flags, reflectedId, timestamp, in.rest());
    }

    public boolean ephemeral() {
        return ReflectFlags.isEphemeral(flags);
    }

    public byte[] encode() {
        return new ByteWriter(HEADER_LENGTH + envelope.length)
                .u8(HEADER_LENGTH).zeros(1).u16le(flags).u32le(reflectedId).u64le(timestamp)
                .bytes(envelope).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reflected r && flags == r.flags && reflectedId == r.reflectedId
                && timestamp == r.timestamp && Arrays.equals(envelope, r.envelope);
    }

    @Override
    public int hashCode() {
        int h = 31 * flags + Long.hashCode(reflectedId);
        h = 31 * h + Long.hashCode(timestamp);
        return 31 * h + Arrays.hashCode(envelope);
    }

    @Override
    public String toString() {
        return "Reflected[flags=0x" + Integer.toHexString(flags) + ", reflectedId=" + reflectedId
                + ", timestamp=" + timestamp + ", envelope=" + Bytes.describe(envelope) + "]";
    }
}
