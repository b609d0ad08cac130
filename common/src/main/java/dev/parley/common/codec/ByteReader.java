package dev.parley.common.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A bounds-checked little-endian cursor over a byte array. Every read checks the remaining
 * length first and throws {@link DecodeException} instead of an index exception, so decoders
 * written against it reject short input by construction and never allocate more than the input
 * already holds.
 */
public final class ByteReader {

    private final byte[] bytes;
    private final int end;
    private int position;

    public ByteReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    public ByteReader(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new IndexOutOfBoundsException("slice outside array");
        }
        this.bytes = bytes;
        this.position = offset;
        this.end = offset + length;
    }

    public int remaining() {
        return end - position;
    }

    /** Throws unless at least {@code count} bytes remain; {@code what} names the field. */
    public void require(int count, String what) {
        if (count < 0 || count > end - position) {
            throw new DecodeException(what + " truncated");
        }
    }

    public int u8(String what) {
        require(1, what);
        return bytes[position++] & 0xff;
    }

    public int u16le(String what) {
        require(2, what);
        int value = (bytes[position] & 0xff) | (bytes[position + 1] & 0xff) << 8;
        position += 2;
        return value;
    }

    /** An unsigned 32-bit value, widened to a non-negative {@code long}. */
    public long u32le(String what) {
        require(4, what);
        long value = LittleEndian.u32(bytes, position);
        position += 4;
        return value;
    }

    /** A 64-bit value; unsigned on the wire, returned as its two's-complement {@code long}. */
    public long u64le(String what) {
        require(8, what);
        long value = LittleEndian.u64(bytes, position);
        position += 8;
        return value;
    }

    public byte[] bytes(int count, String what) {
        require(count, what);
        byte[] out = Arrays.copyOfRange(bytes, position, position + count);
        position += count;
        return out;
    }

    public byte[] rest() {
        byte[] out = Arrays.copyOfRange(bytes, position, end);
        position = end;
        return out;
    }

    public void skip(int count, String what) {
        require(count, what);
        position += count;
    }

    /** Consumes {@code count} bytes that the protocol defines as zero; rejects any other value. */
    public void zeros(int count, String what) {
        require(count, what);
        for (int i = 0; i < count; i++) {
            if (bytes[position + i] != 0) {
                throw new DecodeException(what + " not zero");
            }
        }
        position += count;
    }

    /** Strictly decodes {@code count} bytes of UTF-8; malformed sequences are rejected. */
    public String utf8(int count, String what) {
        require(count, what);
        String text = strictUtf8(bytes, position, count, what);
        position += count;
        return text;
    }

    /** Rejects trailing bytes: the structure must end exactly here. */
    public void end(String what) {
        if (position != end) {
            throw new DecodeException(what + " has trailing bytes");
        }
    }

    /** Strict UTF-8: unlike {@code new String(..., UTF_8)} it never substitutes U+FFFD. */
    public static String strictUtf8(byte[] bytes, int offset, int length, String what) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new DecodeException(what + " is not valid UTF-8");
        }
    }
}
