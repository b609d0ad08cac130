package dev.parley.pushrelay.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The form parser against a plain reference decoder (the one it replaced, byte by byte through a
 * stream) on many random bodies built from the characters that matter: separators, {@code +},
 * good and broken percent escapes, multi-byte and invalid UTF-8.
 */
class FormBodyPropertyTest {

    private static final String[] PIECES = {"a", "b", "k", "type", "=", "&", "+", "%", "%2", "%20", "%2B", "%26",
            "%3D", "%zz", "%C3%A4", "%E2%82%AC", "%C3", "%FF", "ä", "€", "0", "9", "F", " "};
    private static final byte[] INVALID = {(byte) 0xC3, (byte) 0xFF, (byte) 0x80};
    private static final String[] NAMES = {"", "a", "b", "k", "type", " ", "ä", "€", "a b", "%", "+"};

    @Test
    void agreesWithTheReferenceOnRandomBodies() {
        Random random = new Random(20261201L);
        for (int run = 0; run < 20_000; run++) {
            byte[] body = randomBody(random);
            FormBody form = FormBody.parse(body);
            List<String[]> expected = reference(body);
            assertThat(form.isEmpty()).as(show(body)).isEqualTo(expected.isEmpty());
            for (String name : NAMES) {
                assertThat(form.first(name)).as(show(body) + " / " + name).isEqualTo(first(expected, name));
            }
            for (String[] pair : expected) {
                assertThat(form.first(pair[0])).as(show(body)).isEqualTo(first(expected, pair[0]));
            }
        }
    }

    @Test
    void repeatedKeysEmptyValuesAndBareNames() {
        FormBody form = FormBody.parse("a=&a=2&b&=x&c==d".getBytes(StandardCharsets.US_ASCII));
        assertThat(form.first("a")).isEmpty();
        assertThat(form.first("b")).isEmpty();
        assertThat(form.first("")).isEqualTo("x");
        assertThat(form.first("c")).isEqualTo("=d");
    }

    private static byte[] randomBody(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pieces = random.nextInt(24);
        for (int i = 0; i < pieces; i++) {
            if (random.nextInt(20) == 0) {
                out.write(INVALID[random.nextInt(INVALID.length)]);
            } else {
                out.writeBytes(PIECES[random.nextInt(PIECES.length)].getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static String show(byte[] body) {
        return new String(body, StandardCharsets.ISO_8859_1);
    }

    private static String first(List<String[]> pairs, String name) {
        return pairs.stream().filter(p -> p[0].equals(name)).map(p -> p[1]).findFirst().orElse(null);
    }

    /** WHATWG urlencoded parsing, written for clarity: split, then unescape through a stream. */
    private static List<String[]> reference(byte[] body) {
        List<String[]> pairs = new ArrayList<>();
        int start = 0;
        while (start <= body.length) {
            int end = start;
            while (end < body.length && body[end] != '&') {
                end++;
            }
            if (end > start) {
                int eq = start;
                while (eq < end && body[eq] != '=') {
                    eq++;
                }
                pairs.add(new String[] {unescape(body, start, eq), eq < end ? unescape(body, eq + 1, end) : ""});
            }
            start = end + 1;
        }
        return pairs;
    }

    private static String unescape(byte[] bytes, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%' && i + 2 < to && Character.digit(bytes[i + 1], 16) >= 0
                    && Character.digit(bytes[i + 2], 16) >= 0) {
                out.write(Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
