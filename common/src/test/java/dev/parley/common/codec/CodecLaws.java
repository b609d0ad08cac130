package dev.parley.common.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.function.Function;

/**
 * Test helper: the laws every codec obeys on any input. A decoder either returns a value or
 * throws {@link DecodeException}; a decoded value re-encodes to something that decodes to the
 * same value; and for canonical codecs (those without ignored or lenient fields) it re-encodes
 * to exactly the input.
 *
 * @param name for failure messages
 * @param decoder the decoder under test
 * @param encoder its encoder
 * @param canonical whether accepted input must re-encode byte for byte
 */
public record CodecLaws<T>(String name, Function<byte[], T> decoder, Function<T, byte[]> encoder,
        boolean canonical) {

    public static <T> CodecLaws<T> canonical(String name, Function<byte[], T> decoder,
            Function<T, byte[]> encoder) {
        return new CodecLaws<>(name, decoder, encoder, true);
    }

    public static <T> CodecLaws<T> lenient(String name, Function<byte[], T> decoder,
            Function<T, byte[]> encoder) {
        return new CodecLaws<>(name, decoder, encoder, false);
    }

    /** Checks the laws on {@code input}; returns whether the decoder accepted it. */
    public boolean check(byte[] input) {
        Optional<T> decoded = Fuzz.decode(decoder, input);
        if (decoded.isEmpty()) {
            return false;
        }
        byte[] encoded = encoder.apply(decoded.get());
        if (canonical) {
            assertThat(encoded).as(name + " re-encodes accepted input exactly").isEqualTo(input);
        }
        assertThat(decoder.apply(encoded)).as(name + " decode(encode(x)) == x")
                .isEqualTo(decoded.get());
        return true;
    }
}
