package dev.parley.common.csp.payload;

import dev.parley.common.codec.ByteReader;
import dev.parley.common.codec.DecodeException;
import dev.parley.common.codec.LittleEndian;
import dev.parley.common.identity.ThreemaId;

/**
 * Message acknowledgement, payloads 0x81 (outgoing-message ack, server to client, naming the
 * receiver) and 0x82 (incoming-message ack, client to server, naming the sender), PROTOCOLS.md
 * §5.5: {@code identity(8) || message-id u64-le}, exactly 16 bytes.
 *
 * @param identity the receiver (0x81) or sender (0x82) of the acknowledged message
 * @param messageId unsigned 64-bit message ID (bits of a {@code long})
 */
public record MessageAck(ThreemaId identity, long messageId) {

    public static final int LENGTH = ThreemaId.LENGTH + 8;

    public MessageAck {
        if (identity == null) {
            throw new IllegalArgumentException("identity is required");
        }
    }

    public static MessageAck decode(byte[] data) {
        ByteReader in = new ByteReader(data);
        in.require(ThreemaId.LENGTH, "message ack");
        ThreemaId identity;
        try {
            identity = ThreemaId.fromBytes(data, 0);
        } catch (IllegalArgumentException e) {
            throw new DecodeException("message ack identity invalid");
        }
        in.skip(ThreemaId.LENGTH, "message ack");
        long messageId = in.u64le("message ack");
        in.end("message ack");
        return new MessageAck(identity, messageId);
    }

    public byte[] encode() {
        byte[] out = new byte[LENGTH];
        System.arraycopy(identity.toBytes(), 0, out, 0, ThreemaId.LENGTH);
        LittleEndian.putU64(out, ThreemaId.LENGTH, messageId);
        return out;
    }

    @Override
    public String toString() {
        return "MessageAck[" + identity + ", id=" + Long.toUnsignedString(messageId, 16) + "]";
    }
}
