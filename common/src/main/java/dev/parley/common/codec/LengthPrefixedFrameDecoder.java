package dev.parley.common.codec;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Incremental decoder for frames of the form {@code length (u16-le or u32-le) || body} on a byte
 * stream, where reads may end anywhere: inside the length prefix, inside the body, or several
 * frames later.
 *
 * <p>Feed it whatever arrived with {@link #decode(ByteBuffer)} and call again while it returns a
 * body. The length is validated against the configured bounds as soon as the prefix is complete
 * and before the body array is allocated, so a peer can never make it allocate more than
 * {@code maxLength} bytes. Only one body buffer exists at a time.
 *
 * <p>After a {@link DecodeException} the stream position is lost for good; the decoder stays
 * failed and the connection must be closed. Not thread-safe: one instance per connection, used
 * by the thread that reads it.
 */
public final class LengthPrefixedFrameDecoder {

    private final int prefixLength;
    private final int minLength;
    private final int maxLength;

    private long length;
    private int prefixRead;
    private byte[] body;
    private int filled;
    private boolean failed;

    /**
     * @param prefixLength 2 for a u16-le prefix, 4 for a u32-le prefix
     * @param minLength smallest accepted body length
     * @param maxLength largest accepted body length
     */
    public LengthPrefixedFrameDecoder(int prefixLength, int minLength, int maxLength) {
        if (prefixLength != 2 && prefixLength != 4) {
            throw new IllegalArgumentException("prefix must be 2 or 4 bytes");
        }
        long prefixMax = prefixLength == 2 ? 0xffffL : 0xffff_ffffL;
        if (minLength < 0 || maxLength < minLength || maxLength > prefixMax
                || maxLength > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("bad length bounds");
        }
        this.prefixLength = prefixLength;
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /**
     * Consumes bytes from {@code in} (advancing its position) up to the end of the next frame.
     *
     * @return the next complete body, or {@code null} when {@code in} ran out first (everything
     *     it held has been consumed and kept; call again with more input)
     * @throws DecodeException when a length prefix is out of bounds
     */
    public byte[] decode(ByteBuffer in) {
        if (failed) {
            throw new DecodeException("frame stream already failed");
        }
        if (body == null) {
            while (prefixRead < prefixLength) {
                if (!in.hasRemaining()) {
                    return null;
                }
                length |= (in.get() & 0xffL) << (8 * prefixRead++);
            }
            if (length < minLength || length > maxLength) {
                failed = true;
                throw new DecodeException("frame length out of bounds");
            }
            body = new byte[(int) length];
            filled = 0;
        }
        int n = Math.min(in.remaining(), body.length - filled);
        in.get(body, filled, n);
        filled += n;
        if (filled < body.length) {
            return null;
        }
        byte[] frame = body;
        body = null;
        length = 0;
        prefixRead = 0;
        return frame;
    }

    /**
     * Feeds {@code len} bytes of {@code src} and hands every frame they complete to {@code sink}.
     *
     * @return the number of frames completed
     */
    public int decode(byte[] src, int offset, int len, Consumer<byte[]> sink) {
        ByteBuffer in = ByteBuffer.wrap(src, offset, len);
        int frames = 0;
        for (byte[] frame; (frame = decode(in)) != null; ) {
            sink.accept(frame);
            frames++;
        }
        return frames;
    }

    /** True between frames: no partial prefix or body is buffered. */
    public boolean isAtFrameBoundary() {
        return body == null && prefixRead == 0;
    }

    /** Bytes held for the frame in progress (prefix and body); zero at a frame boundary. */
    public int bufferedBytes() {
        return body == null ? prefixRead : prefixLength + filled;
    }
}
