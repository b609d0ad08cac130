package dev.parley.common.csp.extension;

import dev.parley.common.csp.payload.MessagePayloadFormat;

/**
 * Extension 0x02, which the spec calls message-payload-version, read as a <b>feature bitmask</b>
 * (PROTOCOLS.md §5.3, "Pitfall with extension 0x02").
 *
 * <p>The spec defines a single version byte (0x00 legacy, 0x01 metadata box) and asks the server
 * to reject other values. Android, however, sends {@code 0x03}: it treats the byte as flags,
 * {@link #METADATA_FORMAT} (bit 0) and {@link #ECHO_REQUESTS} (bit 1). Desktop sends
 * {@code 0x01}, which means the same under both readings. Reading the byte as a bitmask is the
 * only interpretation that accepts both clients, so bits are tested individually and unknown
 * higher bits are ignored rather than rejected.
 *
 * @param value the raw byte, 0..255
 */
public record MessagePayloadVersionExtension(int value) implements LoginExtension {

    public static final int LENGTH = 1;
    /** Bit 0: the client sends and expects the message-with-metadata-box payload format. */
    public static final int METADATA_FORMAT = 0x01;
    /** Bit 1: the server may send echo requests to this client. */
    public static final int ECHO_REQUESTS = 0x02;

    public MessagePayloadVersionExtension {
        if (value < 0 || value > 0xff) {
            throw new IllegalArgumentException("message payload version is one byte");
        }
    }

    public boolean supportsMetadataFormat() {
        return (value & METADATA_FORMAT) != 0;
    }

    public boolean allowsEchoRequests() {
        return (value & ECHO_REQUESTS) != 0;
    }

    /** The message struct format this client speaks (§5.6). */
    public MessagePayloadFormat payloadFormat() {
        return supportsMetadataFormat()
                ? MessagePayloadFormat.WITH_METADATA : MessagePayloadFormat.LEGACY;
    }

    @Override
    public int type() {
        return TYPE_MESSAGE_PAYLOAD_VERSION;
    }

    @Override
    public byte[] encodePayload() {
        return new byte[] {(byte) value};
    }
}
