package dev.parley.pushrelay.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code application/x-www-form-urlencoded} body as an ordered list of pairs. Decoding is lenient
 * like the WHATWG URL parser that upstream uses: a {@code %} not followed by two hex digits stays as
 * it is, {@code +} is a space, and invalid UTF-8 becomes U+FFFD. Lookups return the first occurrence.
 */
final class FormBody {

    private record Pair(String name, String value) {
    }

    private final List<Pair> pairs;

    private FormBody(List<Pair> pairs) {
        this.pairs = pairs;
    }

    static FormBody parse(byte[] body) {
        List<Pair> pairs = new ArrayList<>();
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start);
            if (end > start) {
                int eq = indexOf(body, (byte) '=', start);
                if (eq > end) {
                    eq = end;
                }
                pairs.add(new Pair(decode(body, start, eq), eq < end ? decode(body, eq + 1, end) : ""));
            }
            start = end + 1;
        }
        return new FormBody(pairs);
    }

    boolean isEmpty() {
        return pairs.isEmpty();
    }

    /** The value of the first pair named {@code name}, or null. */
    String first(String name) {
        for (Pair pair : pairs) {
            if (pair.name().equals(name)) {
                return pair.value();
            }
        }
        return null;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return bytes.length;
    }

    private static String decode(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to && bytes[i] != '+' && bytes[i] != '%') {
            i++;
        }
        if (i == to) {
            // Nothing to unescape, the common case: straight from the body's bytes.
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }
        // Unescaping only shortens, so the piece's own length bounds the decoded bytes.
        byte[] out = new byte[to - from];
        int n = i - from;
        System.arraycopy(bytes, from, out, 0, n);
        for (; i < to; i++) {
            byte b = bytes[i];
            if (b == '+') {
                out[n++] = ' ';
            } else if (b == '%' && i + 2 < to && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out[n++] = (byte) ((hex(bytes[i + 1]) << 4) | hex(bytes[i + 2]));
                i += 2;
            } else {
                out[n++] = b;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
