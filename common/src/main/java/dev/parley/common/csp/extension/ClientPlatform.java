package dev.parley.common.csp.extension;

/**
 * The platform letter, the second field of the client-info string (PROTOCOLS.md §5.3).
 * {@link #UNKNOWN} stands for any other letter: client info is informational, so an unexpected
 * value never fails a login.
 */
public enum ClientPlatform {
    ANDROID('A'),
    IOS('I'),
    /** Desktop and web clients. */
    DESKTOP('Q'),
    WINDOWS_PHONE('W'),
    BOT('B'),
    UNKNOWN('?');

    private final char letter;

    ClientPlatform(char letter) {
        this.letter = letter;
    }

    public char letter() {
        return letter;
    }

    /** The platform for a client-info platform field; {@link #UNKNOWN} unless it is one letter. */
    public static ClientPlatform fromField(String field) {
        if (field.length() == 1) {
            for (ClientPlatform p : values()) {
                if (p != UNKNOWN && p.letter == field.charAt(0)) {
                    return p;
                }
            }
        }
        return UNKNOWN;
    }
}
