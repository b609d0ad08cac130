package dev.parley.common.d2m;

import dev.parley.common.codec.ByteReader;
import dev.parley.common.codec.ByteWriter;

/**
 * Reflect-ack, D2M payload 0x81 from the mediator (PROTOCOLS.md §6.5):
 * {@code reserved(4) || reflect-id u32-le || timestamp u64-le}, exactly 16 bytes. The reserved
 * bytes are ignored on decode and written as zero. Ephemeral reflects get no ack.
 *
 * @param reflectId the acknowledged reflect ID (u32)
 * @param timestamp Unix milliseconds at which the message entered the other devices' queues
 */
public record ReflectAck(long reflectId, long timestamp) {

    public static final int LENGTH = 16;

    public ReflectAck {
        Checks.u32(reflectId, "reflectId");
    }

    public static ReflectAck decode(byte[] payload) {
        ByteReader in = new ByteReader(payload);
        in.skip(4, "reflect-ack");
        long reflectId = in.u32le("reflect-ack");
        long timestamp = in.u64le("reflect-ack");
        in.end("reflect-ack");
        return new ReflectAck(reflectId, timestamp);
    }

    public byte[] encode() {
        return new ByteWriter(LENGTH).zeros(4).u32le(reflectId).u64le(timestamp).toArray();
    }
}
