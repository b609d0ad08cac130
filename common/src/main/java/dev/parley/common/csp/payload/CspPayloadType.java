package dev.parley.common.csp.payload;

import java.util.Optional;

/**
 * CSP payload types, the first byte of a {@link dev.parley.common.csp.frame.CspContainer}
 * (PROTOCOLS.md §5.5). Obsolete types are listed so that they can be recognised and refused
 * deliberately instead of being mistaken for unknown ones; {@link #obsolete()} marks them.
 */
public enum CspPayloadType {
    ECHO_REQUEST(0x00, false),
    ECHO_RESPONSE(0x80, false),
    OUTGOING_MESSAGE(0x01, false),
    OUTGOING_MESSAGE_ACK(0x81, false),
    INCOMING_MESSAGE(0x02, false),
    INCOMING_MESSAGE_ACK(0x82, false),
    UNBLOCK_INCOMING_MESSAGES(0x03, false),
    SET_PUSH_NOTIFICATION_TOKEN(0x20, false),
    /** Formerly used by iOS to set a push filter. */
    OBSOLETE_PUSH_FILTER(0x21, true),
    /** Formerly used by iOS to set a push sound for contacts. */
    OBSOLETE_PUSH_SOUND(0x22, true),
    /** Formerly used by iOS to set a push sound for groups. */
    OBSOLETE_GROUP_PUSH_SOUND(0x23, true),
    SET_VOIP_PUSH_NOTIFICATION_TOKEN(0x24, false),
    DELETE_PUSH_NOTIFICATION_TOKEN(0x25, false),
    SET_CONNECTION_IDLE_TIMEOUT(0x30, false),
    /** Formerly forced a push for every message regardless of its flags. */
    OBSOLETE_PUSH_ALWAYS(0x31, true),
    QUEUE_SEND_COMPLETE(0xd0, false),
    /** Formerly used for a predecessor of the device cookie. */
    OBSOLETE_DEVICE_COOKIE(0xd1, true),
    DEVICE_COOKIE_CHANGE_INDICATION(0xd2, false),
    CLEAR_DEVICE_COOKIE_CHANGE_INDICATION(0xd3, false),
    CLOSE_ERROR(0xe0, false),
    ALERT(0xe1, false);

    private static final CspPayloadType[] BY_CODE = new CspPayloadType[256];

    static {
        for (CspPayloadType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final boolean obsolete;

    CspPayloadType(int code, boolean obsolete) {
        this.code = code;
        this.obsolete = obsolete;
    }

    public int code() {
        return code;
    }

    /** True for types that clients no longer send; a server should not act on them. */
    public boolean obsolete() {
        return obsolete;
    }

    public static Optional<CspPayloadType> fromCode(int code) {
        return code < 0 || code > 0xff ? Optional.empty() : Optional.ofNullable(BY_CODE[code]);
    }
}
