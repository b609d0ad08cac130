package dev.parley.common.csp.frame;

import dev.parley.common.codec.LengthPrefixedFrameDecoder;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Incremental decoder for CSP frames on a TCP byte stream (PROTOCOLS.md §5.4). Reads may split a
 * frame anywhere, including inside the 2-byte prefix. The box length is checked against
 * {@link CspFrames#MIN_BOX_LENGTH}..{@link CspFrames#MAX_BOX_LENGTH} as soon as the prefix is
 * complete and before the box array is allocated.
 *
 * <pre>{@code
 * for (byte[] box; (box = decoder.decode(buffer)) != null; ) {
 *     handle(box);
 * }
 * }</pre>
 *
 * <p>One instance per connection, confined to the thread that reads the connection. After a
 * {@link dev.parley.common.codec.DecodeException} the stream is unusable and the connection must
 * be closed.
 */
public final class CspFrameDecoder {

    private final LengthPrefixedFrameDecoder frames = new LengthPrefixedFrameDecoder(
            CspFrames.LENGTH_PREFIX, CspFrames.MIN_BOX_LENGTH, CspFrames.MAX_BOX_LENGTH);

    /**
     * Consumes input up to the end of the next frame.
     *
     * @return the next complete box, or {@code null} when more input is needed (all of
     *     {@code in} was consumed)
     */
    public byte[] decode(ByteBuffer in) {
        return frames.decode(in);
    }

    /** Feeds a slice of an array; every completed box goes to {@code sink}. */
    public int decode(byte[] src, int offset, int length, Consumer<byte[]> sink) {
        return frames.decode(src, offset, length, sink);
    }

    public boolean isAtFrameBoundary() {
        return frames.isAtFrameBoundary();
    }
}
