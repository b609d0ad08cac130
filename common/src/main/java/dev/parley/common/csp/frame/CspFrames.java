package dev.parley.common.csp.frame;

import dev.parley.common.codec.DecodeException;
import dev.parley.common.codec.LittleEndian;
import java.nio.ByteBuffer;

/**
 * The CSP frame after login (PROTOCOLS.md §5.4): {@code length u16-le || box}, where the box is
 * the encrypted {@link CspContainer} and holds at most {@link #MAX_BOX_LENGTH} bytes (Android's
 * {@code MAX_PKT_LEN}). A box shorter than its 16-byte MAC cannot be valid, so lengths below
 * {@link #MIN_BOX_LENGTH} (including 0) are rejected as well.
 *
 * <p>This class holds the stateless parts: the bounds check, the encoder, and the decoder for an
 * already delimited frame (one D2M proxy unit, §6.4, where the prefix must equal the remaining
 * size). Use {@link CspFrameDecoder} on a byte stream.
 */
public final class CspFrames {

    public static final int LENGTH_PREFIX = 2;
    public static final int MAC_LENGTH = 16;
    public static final int MIN_BOX_LENGTH = MAC_LENGTH;
    public static final int MAX_BOX_LENGTH = 8192;

    private CspFrames() {
    }

    /** Validates a box length read from a frame prefix, before anything is allocated. */
    public static int checkBoxLength(int length) {
        if (length < MIN_BOX_LENGTH || length > MAX_BOX_LENGTH) {
            throw new DecodeException("frame length out of bounds");
        }
        return length;
    }

    /** {@code u16-le(box.length) || box}. */
    public static byte[] encode(byte[] box) {
        requireEncodable(box);
        byte[] frame = new byte[LENGTH_PREFIX + box.length];
        LittleEndian.putU16(frame, 0, box.length);
        System.arraycopy(box, 0, frame, LENGTH_PREFIX, box.length);
        return frame;
    }

    /** Writes {@code u16-le(box.length) || box} into {@code out}. */
    public static void encode(byte[] box, ByteBuffer out) {
        requireEncodable(box);
        if (out.remaining() < LENGTH_PREFIX + box.length) {
            throw new IllegalArgumentException("buffer too small for frame");
        }
        out.put((byte) box.length).put((byte) (box.length >>> 8)).put(box);
    }

    /**
     * Decodes one complete, delimited frame: the prefix must equal the number of bytes after it
     * (what Android checks on every proxied frame, §6.4).
     *
     * @return the box
     */
    public static byte[] decodeExact(byte[] frame) {
        if (frame.length < LENGTH_PREFIX) {
            throw new DecodeException("frame truncated");
        }
        int length = checkBoxLength(LittleEndian.u16(frame, 0));
        if (frame.length - LENGTH_PREFIX != length) {
            throw new DecodeException(frame.length - LENGTH_PREFIX < length
                    ? "frame truncated" : "frame has trailing bytes");
        }
        byte[] box = new byte[length];
        System.arraycopy(frame, LENGTH_PREFIX, box, 0, length);
        return box;
    }

    private static void requireEncodable(byte[] box) {
        if (box.length < MIN_BOX_LENGTH || box.length > MAX_BOX_LENGTH) {
            throw new IllegalArgumentException("box must be " + MIN_BOX_LENGTH + ".."
                    + MAX_BOX_LENGTH + " bytes");
        }
    }
}
