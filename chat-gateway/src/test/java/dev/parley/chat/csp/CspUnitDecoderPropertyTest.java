package dev.parley.chat.csp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The CSP stream cutter, fed the same bytes in arbitrary pieces: it yields the same units whatever
 * the TCP segmentation, and refuses frame lengths outside 16..8192 before allocating them.
 */
class CspUnitDecoderPropertyTest {

    @Provide
    Arbitrary<List<byte[]>> boxes() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(16).ofMaxSize(600).list().ofMinSize(1).ofMaxSize(20);
    }

    @Property(tries = 200)
    void unitsDoNotDependOnSegmentation(@ForAll("boxes") List<byte[]> frames,
                                        @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 1, max = 700) Integer> cuts) {
        byte[] hello = new byte[48];
        hello[0] = 7;
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(hello);
        for (byte[] box : frames) {
            stream.write(box.length & 0xff);
            stream.write(box.length >>> 8);
            stream.writeBytes(box);
        }
        byte[] bytes = stream.toByteArray();

        CspUnitDecoder decoder = new CspUnitDecoder(48);
        List<byte[]> units = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel(decoder, new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                units.add((byte[]) msg);
                // After the fixed-size hello, everything else is framed.
                decoder.expectFrames();
            }
        });
        int offset = 0;
        for (int i = 0; offset < bytes.length; i++) {
            int length = Math.min(cuts.get(i % cuts.size()), bytes.length - offset);
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, offset, length));
            offset += length;
        }
        assertThat(units).hasSize(frames.size() + 1);
        assertThat(units.get(0)).isEqualTo(hello);
        for (int i = 0; i < frames.size(); i++) {
            assertThat(units.get(i + 1)).isEqualTo(frames.get(i));
        }
        channel.finishAndReleaseAll();
    }

    @Property(tries = 100)
    void framesOutsideTheBoundsAreRefused(@ForAll("badLengths") int length) {
        CspUnitDecoder decoder = new CspUnitDecoder(0);
        decoder.expectFrames();
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        boolean refused = false;
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) length, (byte) (length >>> 8), 1, 2, 3}));
        } catch (DecoderException e) {
            refused = true;
        }
        assertThat(refused).isTrue();
        assertThat((Object) channel.readInbound()).isNull();
        channel.finishAndReleaseAll();
    }

    @Provide
    Arbitrary<Integer> badLengths() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 15), Arbitraries.integers().between(8193, 65535));
    }
}
