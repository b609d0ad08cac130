package dev.parley.common.csp.payload;

import dev.parley.common.codec.Bytes;
import dev.parley.common.codec.DecodeException;
import dev.parley.common.csp.frame.CspContainer;
import java.util.Arrays;

/**
 * Echo-request (0x00) and echo-response (0x80), PROTOCOLS.md §5.5: opaque data that the
 * response repeats verbatim. Android sends 12 bytes and drops the connection unless the response
 * carries exactly those 12 bytes, so a responder must never alter or truncate the data.
 *
 * @param data the opaque data
 */
public record Echo(byte[] data) {

    /** The size of Android's echo data: u32 sequence number and u64 timestamp. */
    public static final int ANDROID_LENGTH = 12;

    public Echo {
        Bytes.requireLength(data, 0, CspContainer.MAX_DATA_LENGTH, "echo data");
    }

    public static Echo decode(byte[] data) {
        if (data.length > CspContainer.MAX_DATA_LENGTH) {
            throw new DecodeException("echo too long");
        }
        return new Echo(data);
    }

    public byte[] encode() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Echo other && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Echo[" + Bytes.describe(data) + "]";
    }
}
