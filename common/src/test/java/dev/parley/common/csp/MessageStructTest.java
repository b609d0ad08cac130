package dev.parley.common.csp;

import static dev.parley.common.csp.TestData.filled;
import static dev.parley.common.csp.TestData.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.common.codec.DecodeException;
import dev.parley.common.csp.payload.MessageFlags;
import dev.parley.common.csp.payload.MessagePayloadFormat;
import dev.parley.common.csp.payload.MessageStruct;
import dev.parley.common.encoding.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MessageStructTest {

    @Test
    void encodesTheSection56Layout() {
        MessageStruct m = message(filled(20, 0x4d));
        byte[] wire = m.encode();
        assertThat(wire).hasSize(64 + 20 + 24 + 48);
        assertThat(new String(wire, 0, 16, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("ECHOECHO*GATEWAY");
        assertThat(Hex.encode(Arrays.copyOfRange(wire, 16, 32)))
                .isEqualTo("1122334455667788" + "00f1536581001400");
        assertThat(new String(wire, 32, 5, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("Alice");
        assertThat(Arrays.copyOfRange(wire, 37, 64)).isEqualTo(new byte[27]);
        assertThat(Arrays.copyOfRange(wire, 64, 84)).isEqualTo(filled(20, 0x4d));
        assertThat(Arrays.copyOfRange(wire, 84, 108)).isEqualTo(filled(24, 0x24));
        assertThat(MessageStruct.decode(wire)).isEqualTo(m);
        assertThat(MessageStruct.OVERHEAD).isEqualTo(88);
    }

    @Test
    void legacyFormHasZeroMetadataLength() {
        MessageStruct legacy = message(new byte[0]);
        byte[] wire = legacy.encode();
        assertThat(wire).hasSize(88 + 48);
        assertThat(wire[30]).isZero();
        assertThat(wire[31]).isZero();
        assertThat(MessageStruct.decode(wire, MessagePayloadFormat.LEGACY)).isEqualTo(legacy);
        assertThat(MessageStruct.decode(wire, MessagePayloadFormat.WITH_METADATA)).isEqualTo(legacy);
    }

    @Test
    void legacyDecoderRejectsAnythingInTheReservedMetadataLength() {
        byte[] withMetadata = message(filled(16, 1)).encode();
        assertThatThrownBy(() -> MessageStruct.decode(withMetadata, MessagePayloadFormat.LEGACY))
                .isInstanceOf(DecodeException.class).hasMessage("legacy message reserved not zero");
    }

    @Test
    void metadataToLegacyDropsOnlyTheMetadata() {
        MessageStruct withMetadata = message(filled(40, 0x4d));
        MessageStruct legacy = withMetadata.toLegacy();
        assertThat(legacy.hasMetadata()).isFalse();
        assertThat(legacy).usingRecursiveComparison().ignoringFields("metadata")
                .isEqualTo(withMetadata);
        byte[] legacyWire = withMetadata.encode(MessagePayloadFormat.LEGACY);
        assertThat(legacyWire).isEqualTo(legacy.encode());
        assertThat(legacyWire).hasSize(withMetadata.encode().length - 40);
        // Header except metadata-length, nonce and box are bit-identical.
        byte[] full = withMetadata.encode();
        assertThat(Arrays.copyOfRange(legacyWire, 0, 30)).isEqualTo(Arrays.copyOfRange(full, 0, 30));
        assertThat(Arrays.copyOfRange(legacyWire, 32, 64)).isEqualTo(Arrays.copyOfRange(full, 32, 64));
        assertThat(Arrays.copyOfRange(legacyWire, 64, legacyWire.length))
                .isEqualTo(Arrays.copyOfRange(full, 104, full.length));
        // The legacy nickname still carries the sender's nickname.
        assertThat(legacy.legacyNicknameText()).isEqualTo("Alice");
        // Given the container back, the original is restored exactly.
        assertThat(legacy.withMetadata(withMetadata.metadata())).isEqualTo(withMetadata);
    }

    @Test
    void legacyToMetadataIsByteIdentical() {
        MessageStruct legacy = message(new byte[0]);
        byte[] wire = legacy.encode();
        assertThat(legacy.encode(MessagePayloadFormat.WITH_METADATA)).isEqualTo(wire);
        assertThat(legacy.toLegacy()).isSameAs(legacy);
        assertThat(MessageStruct.decode(wire).toLegacy().encode()).isEqualTo(wire);
    }

    @Test
    void rejectsTruncationAndBadLengths() {
        byte[] wire = message(filled(20, 1)).encode();
        assertThatThrownBy(() -> MessageStruct.decode(Arrays.copyOf(wire, 103)))
                .isInstanceOf(DecodeException.class);
        byte[] metadataTooLong = wire.clone();
        metadataTooLong[30] = (byte) 0xff;
        assertThatThrownBy(() -> MessageStruct.decode(metadataTooLong))
                .isInstanceOf(DecodeException.class).hasMessage("message truncated");
        byte[] metadataTooShort = wire.clone();
        metadataTooShort[30] = 15;
        assertThatThrownBy(() -> MessageStruct.decode(metadataTooShort))
                .isInstanceOf(DecodeException.class);
        byte[] boxTooShort = Arrays.copyOf(message(new byte[0]).encode(), 88 + 15);
        assertThatThrownBy(() -> MessageStruct.decode(boxTooShort))
                .isInstanceOf(DecodeException.class);
        assertThat(MessageStruct.decode(Arrays.copyOf(message(new byte[0]).encode(), 88 + 16))
                .messageBox()).hasSize(16);
    }

    @Test
    void rejectsNonZeroReservedAndInvalidIdentities() {
        byte[] wire = message(new byte[0]).encode();
        byte[] reserved = wire.clone();
        reserved[29] = 1;
        assertThatThrownBy(() -> MessageStruct.decode(reserved))
                .isInstanceOf(DecodeException.class).hasMessage("message reserved not zero");
        byte[] badSender = wire.clone();
        badSender[3] = 0;
        assertThatThrownBy(() -> MessageStruct.decode(badSender))
                .isInstanceOf(DecodeException.class).hasMessage("message sender invalid");
        byte[] badReceiver = wire.clone();
        badReceiver[8] = '#';
        assertThatThrownBy(() -> MessageStruct.decode(badReceiver))
                .isInstanceOf(DecodeException.class).hasMessage("message receiver invalid");
    }

    @Test
    void flagsAndCreatedAtHelpers() {
        MessageStruct m = message(new byte[0]);
        assertThat(m.hasFlag(MessageFlags.SEND_PUSH)).isTrue();
        assertThat(m.hasFlag(MessageFlags.NO_DELIVERY_RECEIPTS)).isTrue();
        assertThat(m.hasFlag(MessageFlags.NO_ACK)).isFalse();
        assertThat(m.withCreatedAt(0xffff_ffffL).createdAt()).isEqualTo(0xffff_ffffL);
        assertThat(MessageStruct.decode(m.withCreatedAt(0xffff_ffffL).encode()).createdAt())
                .isEqualTo(0xffff_ffffL);
        assertThat(new int[] {MessageFlags.SEND_PUSH, MessageFlags.NO_SERVER_QUEUING,
                MessageFlags.NO_ACK, MessageFlags.RESERVED_GROUP, MessageFlags.SHORT_LIVED_QUEUING,
                MessageFlags.NO_DELIVERY_RECEIPTS}).containsExactly(0x01, 0x02, 0x04, 0x10, 0x20, 0x80);
    }

    @Test
    void nicknamePaddingCutsAtCharacterBoundaries() {
        byte[] padded = MessageStruct.padNickname("ü".repeat(20));
        assertThat(padded).hasSize(32);
        // 16 two-byte characters fill exactly 32 bytes.
        assertThat(new String(padded, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("ü".repeat(16));
        assertThat(MessageStruct.padNickname("a" + "ü".repeat(20))[31]).isZero();
        MessageStruct m = new MessageStruct(TestData.ALICE, TestData.BOB, 1, 1, 0,
                MessageStruct.padNickname("a" + "ü".repeat(20)), new byte[0], filled(24, 0),
                filled(16, 0));
        assertThat(m.legacyNicknameText()).isEqualTo("a" + "ü".repeat(15));
    }

    @Test
    void toStringHidesContent() {
        assertThat(message(filled(16, 1)).toString()).contains("<48 bytes>").doesNotContain("Alice");
    }
}
