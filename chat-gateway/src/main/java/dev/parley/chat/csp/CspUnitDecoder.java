package dev.parley.chat.csp;

import dev.parley.common.csp.frame.CspFrames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;

/**
 * Cuts the TCP stream into CSP units (PROTOCOLS.md §5.2, §5.4): during the handshake the next
 * unit has a fixed size that the handler announces ({@link #expect}), because handshake messages
 * carry no length; after login every unit is a {@code u16-le length || box} frame of at most
 * 8192 bytes, checked before anything is allocated. Emits each unit as a {@code byte[]}.
 *
 * <p>Netty hands every decoded unit to the next handler before decoding the next one, so the
 * handler can change what comes next from inside its {@code channelRead}.
 */
final class CspUnitDecoder extends ByteToMessageDecoder {

    private int fixedLength;
    private boolean frames;
    private boolean discarding;

    CspUnitDecoder(int firstLength) {
        this.fixedLength = firstLength;
    }

    /** The next unit is exactly {@code length} bytes. */
    void expect(int length) {
        this.fixedLength = length;
        this.frames = false;
    }

    /** From now on every unit is a length-prefixed frame. */
    void expectFrames() {
        this.frames = true;
    }

    /** Nothing more will be read from this connection: whatever arrives is dropped unparsed. */
    void discard() {
        this.discarding = true;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (discarding) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (!frames) {
            if (fixedLength <= 0 || in.readableBytes() < fixedLength) {
                return;
            }
            byte[] unit = new byte[fixedLength];
            in.readBytes(unit);
            // Nothing more until the handler has looked at this unit and said what follows.
            fixedLength = 0;
            out.add(unit);
            return;
        }
        if (in.readableBytes() < CspFrames.LENGTH_PREFIX) {
            return;
        }
        int length = in.getUnsignedShortLE(in.readerIndex());
        if (length < CspFrames.MIN_BOX_LENGTH || length > CspFrames.MAX_BOX_LENGTH) {
            in.skipBytes(in.readableBytes());
            throw new CorruptedFrameException("CSP frame length " + length + " out of range");
        }
        if (in.readableBytes() < CspFrames.LENGTH_PREFIX + length) {
            return;
        }
        in.skipBytes(CspFrames.LENGTH_PREFIX);
        byte[] box = new byte[length];
        in.readBytes(box);
        out.add(box);
    }
}
