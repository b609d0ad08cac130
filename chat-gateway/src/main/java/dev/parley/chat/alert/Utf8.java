package dev.parley.chat.alert;

/** UTF-8 lengths of strings, counted without encoding them. */
final class Utf8 {

    private Utf8() {
    }

    /**
     * The length {@code text} has in UTF-8, or -1 if it holds an unpaired surrogate (a JSON escape
     * can write one; the encoder would silently turn it into {@code ?}).
     */
    static int length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                return -1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
