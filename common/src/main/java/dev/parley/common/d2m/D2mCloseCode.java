package dev.parley.common.d2m;

import java.util.Optional;

/**
 * WebSocket close codes of the mediator (PROTOCOLS.md §6.4).
 *
 * <p>{@link #allowsReconnect(int)} is the client's rule: 1xxx and 40xx codes allow an automatic
 * reconnect, 41xx codes do not. Android implements it as "anything outside 4100..4199", so codes
 * Parley does not define (3xxx, 42xx and up) also allow reconnecting; this class follows that so
 * that server and client agree. When a CSP close-error arrived first, its can-reconnect byte
 * decides instead.
 */
public enum D2mCloseCode {
    NORMAL(1000),
    SERVER_SHUTDOWN(1001),
    INTERNAL_ERROR(1011),
    CSP_CONNECTION_CLOSED(4000),
    CSP_CONNECTION_FAILED(4001),
    CSP_INTERNAL_ERROR(4009),
    PROTOCOL_ERROR(4010),
    TRANSACTION_TTL_REACHED(4011),
    UNKNOWN_MESSAGE_ACKED(4012),
    CLIENT_IDLE_TIMEOUT(4013),
    UNSUPPORTED_VERSION(4110),
    DEVICE_LIMIT_REACHED(4111),
    DUPLICATE_CONNECTION(4112),
    DEVICE_DROPPED(4113),
    REFLECTION_QUEUE_LIMIT_REACHED(4114),
    DEVICE_SLOT_STATE_MISMATCH(4115);

    private final int code;

    D2mCloseCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public boolean allowsReconnect() {
        return allowsReconnect(code);
    }

    /** False only for 41xx; true for 1xxx, 40xx and every other code. */
    public static boolean allowsReconnect(int code) {
        return code < 4100 || code > 4199;
    }

    public static Optional<D2mCloseCode> fromCode(int code) {
        for (D2mCloseCode c : values()) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
