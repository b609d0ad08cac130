package dev.parley.common.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LengthPrefixedFrameDecoderTest {

    @Test
    void reassemblesFramesSplitAtEveryByte() {
        LengthPrefixedFrameDecoder decoder = new LengthPrefixedFrameDecoder(4, 0, 100);
        byte[] stream = {3, 0, 0, 0, 'a', 'b', 'c', 0, 0, 0, 0, 1, 0, 0, 0, 'z'};
        List<String> frames = new ArrayList<>();
        for (byte b : stream) {
            decoder.decode(new byte[] {b}, 0, 1, f -> frames.add(new String(f)));
        }
        assertThat(frames).containsExactly("abc", "", "z");
        assertThat(decoder.isAtFrameBoundary()).isTrue();
    }

    @Test
    void returnsNullAndKeepsStateWhenInputRunsOut() {
        LengthPrefixedFrameDecoder decoder = new LengthPrefixedFrameDecoder(2, 1, 10);
        assertThat(decoder.decode(ByteBuffer.wrap(new byte[] {2}))).isNull();
        assertThat(decoder.bufferedBytes()).isEqualTo(1);
        assertThat(decoder.decode(ByteBuffer.wrap(new byte[] {0, 7}))).isNull();
        assertThat(decoder.bufferedBytes()).isEqualTo(3);
        assertThat(decoder.decode(ByteBuffer.wrap(new byte[] {8}))).containsExactly(7, 8);
    }

    @Test
    void rejectsLengthBeforeAllocatingAndStaysFailed() {
        LengthPrefixedFrameDecoder decoder = new LengthPrefixedFrameDecoder(4, 0, 1000);
        ByteBuffer huge = ByteBuffer.wrap(new byte[] {-1, -1, -1, 0x7f});
        assertThatThrownBy(() -> decoder.decode(huge)).isInstanceOf(DecodeException.class)
                .hasMessage("frame length out of bounds");
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(new byte[] {0})))
                .isInstanceOf(DecodeException.class);
    }

    @Test
    void rejectsBadConfiguration() {
        assertThatThrownBy(() -> new LengthPrefixedFrameDecoder(3, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LengthPrefixedFrameDecoder(2, 0, 70000))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
