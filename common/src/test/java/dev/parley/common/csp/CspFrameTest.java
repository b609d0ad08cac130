package dev.parley.common.csp;

import static dev.parley.common.csp.TestData.filled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.common.codec.DecodeException;
import dev.parley.common.csp.frame.CspContainer;
import dev.parley.common.csp.frame.CspFrameDecoder;
import dev.parley.common.csp.frame.CspFrames;
import dev.parley.common.csp.payload.CspPayloadType;
import dev.parley.common.encoding.Hex;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CspFrameTest {

    @Test
    void encodesALittleEndianLengthPrefix() {
        byte[] frame = CspFrames.encode(filled(0x0102, 7));
        assertThat(frame).hasSize(2 + 0x0102);
        assertThat(frame[0]).isEqualTo((byte) 0x02);
        assertThat(frame[1]).isEqualTo((byte) 0x01);
        ByteBuffer out = ByteBuffer.allocate(300);
        CspFrames.encode(filled(0x0102, 7), out);
        assertThat(out.position()).isEqualTo(frame.length);
    }

    @Test
    void acceptsExactlyMaxAndRejectsOneMore() {
        byte[] max = CspFrames.encode(filled(8192, 1));
        assertThat(new CspFrameDecoder().decode(ByteBuffer.wrap(max))).hasSize(8192);
        assertThat(CspFrames.decodeExact(max)).hasSize(8192);

        byte[] over = {0x01, 0x20}; // 8193
        assertThatThrownBy(() -> new CspFrameDecoder().decode(ByteBuffer.wrap(over)))
                .isInstanceOf(DecodeException.class).hasMessage("frame length out of bounds");
        assertThatThrownBy(() -> CspFrames.encode(new byte[8193]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsEmptyAndShorterThanAMac() {
        for (String prefix : new String[] {"0000", "0100", "0f00"}) {
            assertThatThrownBy(() -> new CspFrameDecoder().decode(ByteBuffer.wrap(Hex.decode(prefix))))
                    .isInstanceOf(DecodeException.class);
        }
        assertThat(new CspFrameDecoder().decode(ByteBuffer.wrap(CspFrames.encode(new byte[16]))))
                .hasSize(16);
        assertThatThrownBy(() -> CspFrames.encode(new byte[15]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLengthIsCheckedBeforeTheBodyArrives() {
        CspFrameDecoder decoder = new CspFrameDecoder();
        assertThat(decoder.decode(ByteBuffer.wrap(new byte[] {(byte) 0xff}))).isNull();
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(new byte[] {(byte) 0xff})))
                .isInstanceOf(DecodeException.class);
    }

    @Test
    void reassemblesAStreamSplitAnywhere() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<byte[]> boxes = List.of(filled(16, 1), filled(64, 2), filled(8192, 3), filled(17, 4));
        for (byte[] box : boxes) {
            stream.write(CspFrames.encode(box));
        }
        byte[] all = stream.toByteArray();
        for (int chunk : new int[] {1, 2, 3, 7, 100, 8193, all.length}) {
            CspFrameDecoder decoder = new CspFrameDecoder();
            List<byte[]> out = new ArrayList<>();
            for (int off = 0; off < all.length; off += chunk) {
                decoder.decode(all, off, Math.min(chunk, all.length - off), out::add);
            }
            assertThat(out).as("chunk %d", chunk).hasSameSizeAs(boxes);
            for (int i = 0; i < boxes.size(); i++) {
                assertThat(out.get(i)).isEqualTo(boxes.get(i));
            }
            assertThat(decoder.isAtFrameBoundary()).isTrue();
        }
    }

    @Test
    void decodeExactRequiresPrefixToMatchTheRemainingSize() {
        byte[] frame = CspFrames.encode(filled(20, 9));
        assertThat(CspFrames.decodeExact(frame)).isEqualTo(filled(20, 9));
        assertThatThrownBy(() -> CspFrames.decodeExact(java.util.Arrays.copyOf(frame, 21)))
                .isInstanceOf(DecodeException.class).hasMessage("frame truncated");
        assertThatThrownBy(() -> CspFrames.decodeExact(java.util.Arrays.copyOf(frame, 23)))
                .isInstanceOf(DecodeException.class).hasMessage("frame has trailing bytes");
        assertThatThrownBy(() -> CspFrames.decodeExact(new byte[1]))
                .isInstanceOf(DecodeException.class);
    }

    @Test
    void containerIsTypeThenThreeZeroBytes() {
        CspContainer c = new CspContainer(CspPayloadType.ECHO_RESPONSE, Hex.decode("0102"));
        assertThat(Hex.encode(c.encode())).isEqualTo("800000000102");
        assertThat(CspContainer.decode(c.encode())).isEqualTo(c);
        assertThat(c.payloadType()).hasValue(CspPayloadType.ECHO_RESPONSE);
        assertThat(CspContainer.decode(Hex.decode("d0000000")).payloadType())
                .hasValue(CspPayloadType.QUEUE_SEND_COMPLETE);
        assertThat(CspContainer.decode(Hex.decode("77000000")).payloadType()).isEmpty();
    }

    @Test
    void containerRejectsShortInputBadReservedAndOversize() {
        assertThatThrownBy(() -> CspContainer.decode(Hex.decode("800000")))
                .isInstanceOf(DecodeException.class);
        for (String bad : new String[] {"80010000", "80000100", "80000001"}) {
            assertThatThrownBy(() -> CspContainer.decode(Hex.decode(bad)))
                    .isInstanceOf(DecodeException.class).hasMessage("container reserved not zero");
        }
        assertThat(CspContainer.decode(new byte[CspContainer.MAX_LENGTH]).data())
                .hasSize(CspContainer.MAX_DATA_LENGTH);
        assertThatThrownBy(() -> CspContainer.decode(new byte[CspContainer.MAX_LENGTH + 1]))
                .isInstanceOf(DecodeException.class);
    }

    @Test
    void emptyPayloadsCarryNothing() {
        CspContainer.decode(Hex.decode("03000000")).requireEmptyData();
        assertThatThrownBy(() -> CspContainer.decode(Hex.decode("d300000000")).requireEmptyData())
                .isInstanceOf(DecodeException.class);
    }

    @Test
    void payloadTypesCoverSection55() {
        assertThat(CspPayloadType.values()).hasSize(21);
        assertThat(CspPayloadType.fromCode(0x24)).hasValue(CspPayloadType.SET_VOIP_PUSH_NOTIFICATION_TOKEN);
        for (int obsolete : new int[] {0x21, 0x22, 0x23, 0x31, 0xd1}) {
            assertThat(CspPayloadType.fromCode(obsolete).orElseThrow().obsolete()).isTrue();
        }
        assertThat(CspPayloadType.OUTGOING_MESSAGE.obsolete()).isFalse();
        assertThat(CspPayloadType.fromCode(256)).isEmpty();
    }
}
