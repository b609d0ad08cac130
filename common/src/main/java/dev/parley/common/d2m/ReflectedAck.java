package dev.parley.common.d2m;

import dev.parley.common.codec.ByteReader;
import dev.parley.common.codec.ByteWriter;

/**
 * Reflected-ack, D2M payload 0x83 from a device (PROTOCOLS.md §6.5):
 * {@code reserved(4) || reflected-id u32-le}, exactly 8 bytes. The reserved bytes are ignored on
 * decode and written as zero.
 *
 * @param reflectedId the acknowledged reflected ID (u32)
 */
public record ReflectedAck(long reflectedId) {

    public static final int LENGTH = 8;

    public ReflectedAck {
        Checks.u32(reflectedId, "reflectedId");
    }

    public static ReflectedAck decode(byte[] payload) {
        ByteReader in = new ByteReader(payload);
        in.skip(4, "reflected-ack");
        long reflectedId = in.u32le("reflected-ack");
        in.end("reflected-ack");
        return new ReflectedAck(reflectedId);
    }

    public byte[] encode() {
        return new ByteWriter(LENGTH).zeros(4).u32le(reflectedId).toArray();
    }
}
