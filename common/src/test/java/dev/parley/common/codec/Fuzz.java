package dev.parley.common.codec;

import static org.assertj.core.api.Assertions.fail;

import java.util.Optional;
import java.util.function.Function;

/** Test helper: runs a decoder on hostile input and allows no outcome but a value or a DecodeException. */
public final class Fuzz {

    private Fuzz() {
    }

    /** Returns the decoded value, or empty when the decoder rejected the input properly. */
    public static <T> Optional<T> decode(Function<byte[], T> decoder, byte[] input) {
        try {
            return Optional.of(decoder.apply(input));
        } catch (DecodeException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                fail("DecodeException without a reason");
            }
            return Optional.empty();
        } catch (RuntimeException | Error e) {
            throw new AssertionError("decoder threw " + e + " instead of DecodeException", e);
        }
    }

    /** A copy of {@code bytes} with the byte at {@code index % length} XORed with a non-zero mask. */
    public static byte[] flip(byte[] bytes, int index, int mask) {
        byte[] copy = bytes.clone();
        if (copy.length > 0) {
            int i = Math.floorMod(index, copy.length);
            copy[i] ^= (byte) (mask == 0 ? 1 : mask);
        }
        return copy;
    }
}
