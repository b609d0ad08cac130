package dev.parley.common.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class FrameDecoderPropertyTest {

    @Property
    void anySplitOfAFrameStreamYieldsTheSameFrames(
            @ForAll @Size(max = 8) List<@Size(max = 300) byte[]> bodies,
            @ForAll @IntRange(min = 1, max = 400) int chunk) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (byte[] body : bodies) {
            stream.write(body.length);
            stream.write(body.length >>> 8);
            stream.writeBytes(body);
        }
        byte[] all = stream.toByteArray();
        LengthPrefixedFrameDecoder decoder = new LengthPrefixedFrameDecoder(2, 0, 300);
        List<byte[]> out = new ArrayList<>();
        for (int off = 0; off < all.length; off += chunk) {
            decoder.decode(all, off, Math.min(chunk, all.length - off), out::add);
        }
        assertThat(out).hasSameSizeAs(bodies);
        for (int i = 0; i < bodies.size(); i++) {
            assertThat(out.get(i)).isEqualTo(bodies.get(i));
        }
        assertThat(decoder.isAtFrameBoundary()).isTrue();
    }

    @Property
    void arbitraryStreamsOnlyEverFailWithDecodeException(@ForAll @Size(max = 600) byte[] stream,
            @ForAll @IntRange(min = 1, max = 64) int chunk) {
        LengthPrefixedFrameDecoder decoder = new LengthPrefixedFrameDecoder(4, 16, 512);
        List<byte[]> out = new ArrayList<>();
        Fuzz.decode(bytes -> {
            for (int off = 0; off < bytes.length; off += chunk) {
                decoder.decode(bytes, off, Math.min(chunk, bytes.length - off), out::add);
            }
            return out.size();
        }, stream);
        assertThat(out).allSatisfy(f -> assertThat(f.length).isBetween(16, 512));
    }
}
