package dev.parley.common.codec;

import java.nio.charset.StandardCharsets;

/**
 * Writes a structure of known size into an exactly sized array. Encoders compute the size from
 * validated record fields first, so the writer never grows and {@link #toArray()} can check that
 * every byte was written.
 */
public final class ByteWriter {

    private final byte[] out;
    private int position;

    public ByteWriter(int size) {
        this.out = new byte[size];
    }

    public ByteWriter u8(int value) {
        out[position++] = (byte) value;
        return this;
    }

    public ByteWriter u16le(int value) {
        LittleEndian.putU16(out, position, value);
        position += 2;
        return this;
    }

    public ByteWriter u32le(long value) {
        LittleEndian.putU32(out, position, value);
        position += 4;
        return this;
    }

    public ByteWriter u64le(long value) {
        LittleEndian.putU64(out, position, value);
        position += 8;
        return this;
    }

    public ByteWriter bytes(byte[] value) {
        System.arraycopy(value, 0, out, position, value.length);
        position += value.length;
        return this;
    }

    public ByteWriter utf8(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code count} zero bytes (the array starts zeroed, so this only advances). */
    public ByteWriter zeros(int count) {
        position += count;
        return this;
    }

    public byte[] toArray() {
        if (position != out.length) {
            throw new IllegalStateException("wrote " + position + " of " + out.length + " bytes");
        }
        return out;
    }
}
