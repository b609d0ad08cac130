package dev.parley.common.csp.payload;

import java.util.Optional;

/** Push token types of payloads 0x20 and 0x24 (PROTOCOLS.md §5.5). */
public enum PushTokenType {
    /** No push; sent with an empty token to clear the stored one. */
    NONE(0x00),
    APNS_PRODUCTION(0x01),
    APNS_DEVELOPMENT(0x02),
    APNS_PRODUCTION_MUTABLE_CONTENT(0x05),
    APNS_DEVELOPMENT_MUTABLE_CONTENT(0x06),
    /** FCM with an empty payload; the token is ASCII. */
    FCM(0x11),
    /** HMS with an empty payload; the token is {@code appId|token}. */
    HMS(0x13);

    private final int code;

    PushTokenType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<PushTokenType> fromCode(int code) {
        for (PushTokenType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
