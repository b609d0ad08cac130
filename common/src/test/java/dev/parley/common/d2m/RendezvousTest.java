package dev.parley.common.d2m;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.common.codec.DecodeException;
import dev.parley.common.d2m.rendezvous.RendezvousFrameDecoder;
import dev.parley.common.d2m.rendezvous.RendezvousFrames;
import dev.parley.common.d2m.rendezvous.RendezvousPath;
import dev.parley.common.encoding.Hex;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RendezvousTest {

    private static final String PATH = "f0" + "0123456789abcdef".repeat(3) + "00112233445566";

    @Test
    void pathIs64LowercaseHex() {
        assertThat(PATH).hasSize(64);
        assertThat(RendezvousPath.isValid(PATH)).isTrue();
        assertThat(RendezvousPath.isValid(PATH.toUpperCase())).isFalse();
        assertThat(RendezvousPath.isValid(PATH.substring(1))).isFalse();
        assertThat(RendezvousPath.isValid(PATH + "0")).isFalse();
        assertThat(RendezvousPath.isValid(PATH.replace('f', 'g'))).isFalse();
        assertThat(RendezvousPath.isValid(null)).isFalse();
        RendezvousPath p = new RendezvousPath(PATH);
        assertThat(p.prefix4()).isEqualTo("f");
        assertThat(p.prefix8()).isEqualTo("f0");
        assertThat(p.toRequestPath()).isEqualTo("/f0/" + PATH);
        assertThat(RendezvousPath.of(Hex.decode(PATH))).isEqualTo(p);
    }

    @Test
    void parsesRelayRequestPaths() {
        assertThat(RendezvousPath.parseRequestPath("/f0/" + PATH)).isEqualTo(new RendezvousPath(PATH));
        for (String bad : new String[] {"/f1/" + PATH, "/F0/" + PATH, "f0/" + PATH + "/", "/f0/",
                "/f0/" + PATH.toUpperCase(), "/f0/" + PATH + "0", ""}) {
            assertThatThrownBy(() -> RendezvousPath.parseRequestPath(bad)).as(bad)
                    .isInstanceOf(DecodeException.class);
        }
    }

    @Test
    void framesAreU32LengthPrefixed() {
        assertThat(Hex.encode(RendezvousFrames.encode(Hex.decode("aabbcc")))).isEqualTo("03000000aabbcc");
        assertThat(Hex.encode(RendezvousFrames.encode(new byte[0]))).isEqualTo("00000000");
    }

    @Test
    void decoderReassemblesFramesSplitAcrossMessages() {
        byte[] a = RendezvousFrames.encode(Hex.decode("aabbcc"));
        byte[] b = RendezvousFrames.encode(new byte[300]);
        byte[] stream = new byte[a.length + b.length];
        System.arraycopy(a, 0, stream, 0, a.length);
        System.arraycopy(b, 0, stream, a.length, b.length);
        RendezvousFrameDecoder decoder = new RendezvousFrameDecoder();
        List<byte[]> frames = new ArrayList<>();
        decoder.decode(java.util.Arrays.copyOfRange(stream, 0, 2), frames::add);
        decoder.decode(java.util.Arrays.copyOfRange(stream, 2, 10), frames::add);
        assertThat(frames).hasSize(1);
        decoder.decode(java.util.Arrays.copyOfRange(stream, 10, stream.length), frames::add);
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0)).isEqualTo(Hex.decode("aabbcc"));
        assertThat(frames.get(1)).hasSize(300);
        assertThat(decoder.isAtFrameBoundary()).isTrue();
    }

    @Test
    void decoderRejectsFramesAboveItsMaximumBeforeAllocating() {
        RendezvousFrameDecoder decoder = new RendezvousFrameDecoder(1024);
        assertThat(decoder.decode(ByteBuffer.wrap(Hex.decode("00040000")))).isNull();
        RendezvousFrameDecoder strict = new RendezvousFrameDecoder(1024);
        assertThatThrownBy(() -> strict.decode(ByteBuffer.wrap(Hex.decode("01040000"))))
                .isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> new RendezvousFrameDecoder().decode(
                ByteBuffer.wrap(Hex.decode("ffffffff")))).isInstanceOf(DecodeException.class);
    }
}
