package dev.parley.common.csp.payload;

import dev.parley.common.codec.ByteReader;
import dev.parley.common.codec.Bytes;
import dev.parley.common.codec.DecodeException;
import dev.parley.common.codec.LittleEndian;
import dev.parley.common.identity.ThreemaId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The message struct of payloads 0x01 (outgoing) and 0x02 (incoming), PROTOCOLS.md §5.6:
 * a 64-byte header {@code sender(8) || receiver(8) || message-id u64-le || created-at u32-le ||
 * flags u8 || reserved u8 = 0 || metadata-length u16-le || legacy-sender-nickname(32)}, then the
 * metadata container, the 24-byte nonce and the message box (the rest). The metadata container
 * and the message box are opaque ciphertext; a box shorter than its 16-byte MAC is rejected.
 *
 * <h2>Legacy and metadata forms</h2>
 * Both forms share this layout. In the legacy form (payload version 0x00) the metadata-length
 * field is reserved and zero and no metadata follows; {@link #decode(byte[], MessagePayloadFormat)}
 * with {@link MessagePayloadFormat#LEGACY} rejects a non-zero value there. The server converts
 * between the forms when sender and receiver speak different ones, and this class implements
 * exactly the conversions the spec defines:
 * <ul>
 *   <li><b>Legacy to metadata</b> ({@link #withMetadata(byte[])} with an empty array, or simply
 *       re-encoding): every field is copied, metadata-length becomes 0, the container is empty
 *       and the message nonce becomes the shared message-and-metadata nonce. Nothing is lost,
 *       and the encoded bytes are identical.</li>
 *   <li><b>Metadata to legacy</b> ({@link #toLegacy()}, or {@link #encode(MessagePayloadFormat)}
 *       with {@code LEGACY}): metadata-length and the metadata container are discarded; sender,
 *       receiver, message ID, created-at, flags, legacy-sender-nickname, nonce and message box
 *       are preserved bit for bit.</li>
 * </ul>
 * The metadata container itself has no place in the legacy form, and the server cannot decrypt
 * it (it is encrypted with MMK between sender and receiver), so it cannot move the nickname or
 * timestamp inside it into the legacy fields either. The conversion is therefore lossless for
 * every field the legacy form has, and {@code m.toLegacy().withMetadata(m.metadata())} equals
 * {@code m}; a server that stores the struct as received and converts per receiver at delivery
 * time never loses the container for receivers that understand it.
 *
 * @param sender the sender's identity
 * @param receiver the receiver's identity
 * @param messageId unsigned 64-bit message ID (bits of a {@code long})
 * @param createdAt Unix seconds, 0..2^32-1
 * @param flags flag byte, see {@link MessageFlags}
 * @param legacyNickname the 32-byte zero-padded legacy sender nickname, kept verbatim
 * @param metadata the metadata container: empty, or a box of at least 16 bytes
 * @param nonce the 24-byte nonce of the message box (and of the metadata box)
 * @param messageBox the end-to-end encrypted message, at least 16 bytes
 */
public record MessageStruct(ThreemaId sender, ThreemaId receiver, long messageId, long createdAt,
        int flags, byte[] legacyNickname, byte[] metadata, byte[] nonce, byte[] messageBox) {

    public static final int HEADER_LENGTH = 64;
    public static final int NICKNAME_LENGTH = 32;
    public static final int NONCE_LENGTH = 24;
    public static final int MAC_LENGTH = 16;
    public static final int MAX_METADATA_LENGTH = 0xffff;
    /** Header plus nonce, Android's {@code OVERHEAD_MSG_HDR}. */
    public static final int OVERHEAD = HEADER_LENGTH + NONCE_LENGTH;
    private static final int ID_LENGTH = ThreemaId.LENGTH;

    public MessageStruct {
        if (sender == null || receiver == null) {
            throw new IllegalArgumentException("sender and receiver are required");
        }
        if (createdAt < 0 || createdAt > 0xffff_ffffL || flags < 0 || flags > 0xff) {
            throw new IllegalArgumentException("created-at or flags out of range");
        }
        Bytes.requireLength(legacyNickname, NICKNAME_LENGTH, "legacy nickname");
        Bytes.requireLength(metadata, 0, MAX_METADATA_LENGTH, "metadata");
        if (metadata.length > 0 && metadata.length < MAC_LENGTH) {
            throw new IllegalArgumentException("metadata box shorter than a MAC");
        }
        Bytes.requireLength(nonce, NONCE_LENGTH, "nonce");
        Bytes.requireLength(messageBox, MAC_LENGTH, Integer.MAX_VALUE, "message box");
    }

    /** Decodes the metadata form, which also reads every valid legacy struct. */
    public static MessageStruct decode(byte[] bytes) {
        return decode(bytes, MessagePayloadFormat.WITH_METADATA);
    }

    /** Decodes the form negotiated for the sending connection. */
    public static MessageStruct decode(byte[] bytes, MessagePayloadFormat format) {
        if (bytes.length < OVERHEAD + MAC_LENGTH) {
            throw new DecodeException("message truncated");
        }
        ThreemaId sender = identity(bytes, 0, "message sender invalid");
        ThreemaId receiver = identity(bytes, ID_LENGTH, "message receiver invalid");
        ByteReader in = new ByteReader(bytes, 2 * ID_LENGTH, bytes.length - 2 * ID_LENGTH);
        long messageId = in.u64le("message");
        long createdAt = in.u32le("message");
        int flags = in.u8("message");
        in.zeros(1, "message reserved");
        int metadataLength = in.u16le("message");
        if (format == MessagePayloadFormat.LEGACY && metadataLength != 0) {
            throw new DecodeException("legacy message reserved not zero");
        }
        if (metadataLength > 0 && metadataLength < MAC_LENGTH) {
            throw new DecodeException("message metadata shorter than a MAC");
        }
        byte[] nickname = in.bytes(NICKNAME_LENGTH, "message");
        if (in.remaining() < metadataLength + NONCE_LENGTH + MAC_LENGTH) {
            throw new DecodeException("message truncated");
        }
        byte[] metadata = in.bytes(metadataLength, "message metadata");
        byte[] nonce = in.bytes(NONCE_LENGTH, "message nonce");
        return new MessageStruct(sender, receiver, messageId, createdAt, flags, nickname,
                metadata, nonce, in.rest());
    }

    private static ThreemaId identity(byte[] bytes, int offset, String reason) {
        try {
            return ThreemaId.fromBytes(bytes, offset);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(reason);
        }
    }

    /** Encodes as is: the metadata form, which is the legacy form when metadata is empty. */
    public byte[] encode() {
        int length = OVERHEAD + metadata.length + messageBox.length;
        byte[] out = new byte[length];
        System.arraycopy(sender.toBytes(), 0, out, 0, ID_LENGTH);
        System.arraycopy(receiver.toBytes(), 0, out, ID_LENGTH, ID_LENGTH);
        LittleEndian.putU64(out, 16, messageId);
        LittleEndian.putU32(out, 24, createdAt);
        out[28] = (byte) flags;
        LittleEndian.putU16(out, 30, metadata.length);
        System.arraycopy(legacyNickname, 0, out, 32, NICKNAME_LENGTH);
        int offset = HEADER_LENGTH;
        System.arraycopy(metadata, 0, out, offset, metadata.length);
        offset += metadata.length;
        System.arraycopy(nonce, 0, out, offset, NONCE_LENGTH);
        System.arraycopy(messageBox, 0, out, offset + NONCE_LENGTH, messageBox.length);
        return out;
    }

    /** Encodes in the form a receiving connection speaks, converting as the class doc says. */
    public byte[] encode(MessagePayloadFormat format) {
        return format == MessagePayloadFormat.LEGACY ? toLegacy().encode() : encode();
    }

    /** The legacy form: metadata discarded, every other field preserved. */
    public MessageStruct toLegacy() {
        return hasMetadata() ? withMetadata(new byte[0]) : this;
    }

    /** The same message with {@code metadataBox} (empty for none) as its metadata container. */
    public MessageStruct withMetadata(byte[] metadataBox) {
        return new MessageStruct(sender, receiver, messageId, createdAt, flags, legacyNickname,
                metadataBox, nonce, messageBox);
    }

    /** The same message with another created-at, as the server sets it (§5.6). */
    public MessageStruct withCreatedAt(long unixSeconds) {
        return new MessageStruct(sender, receiver, messageId, unixSeconds, flags, legacyNickname,
                metadata, nonce, messageBox);
    }

    public boolean hasMetadata() {
        return metadata.length > 0;
    }

    public boolean hasFlag(int flag) {
        return MessageFlags.has(flags, flag);
    }

    /** The legacy nickname up to its first zero byte, for display only (malformed UTF-8 is replaced). */
    public String legacyNicknameText() {
        int end = 0;
        while (end < NICKNAME_LENGTH && legacyNickname[end] != 0) {
            end++;
        }
        return new String(legacyNickname, 0, end, StandardCharsets.UTF_8);
    }

    /** Encodes a nickname into the 32-byte field, cut at a character boundary, zero-padded. */
    public static byte[] padNickname(String nickname) {
        byte[] out = new byte[NICKNAME_LENGTH];
        int used = 0;
        for (int i = 0; i < nickname.length(); ) {
            int cp = nickname.codePointAt(i);
            byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            if (cp == 0 || used + utf8.length > NICKNAME_LENGTH) {
                break;
            }
            System.arraycopy(utf8, 0, out, used, utf8.length);
            used += utf8.length;
            i += Character.charCount(cp);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageStruct m && sender.equals(m.sender)
                && receiver.equals(m.receiver) && messageId == m.messageId
                && createdAt == m.createdAt && flags == m.flags
                && Arrays.equals(legacyNickname, m.legacyNickname)
                && Arrays.equals(metadata, m.metadata) && Arrays.equals(nonce, m.nonce)
                && Arrays.equals(messageBox, m.messageBox);
    }

    @Override
    public int hashCode() {
        int h = 31 * sender.hashCode() + receiver.hashCode();
        h = 31 * h + Long.hashCode(messageId);
        h = 31 * h + Long.hashCode(createdAt);
        h = 31 * h + flags;
        h = 31 * h + Arrays.hashCode(legacyNickname);
        h = 31 * h + Arrays.hashCode(metadata);
        h = 31 * h + Arrays.hashCode(nonce);
        return 31 * h + Arrays.hashCode(messageBox);
    }

    @Override
    public String toString() {
        return "MessageStruct[" + sender + "->" + receiver + ", id="
                + Long.toUnsignedString(messageId, 16) + ", createdAt=" + createdAt + ", flags=0x"
                + Integer.toHexString(flags) + ", metadata=" + Bytes.describe(metadata)
                + ", messageBox=" + Bytes.describe(messageBox) + "]";
    }
}
