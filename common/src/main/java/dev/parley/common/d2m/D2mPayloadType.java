package dev.parley.common.d2m;

import java.util.Optional;

/**
 * D2M payload types, the first byte of a {@link D2mContainer} (PROTOCOLS.md §6.2). The
 * {@link Encoding} says how the payload is encoded: raw CSP bytes, a protobuf message from
 * {@code d2m.proto}, or a fixed structure decoded by the records in this package.
 */
public enum D2mPayloadType {
    PROXY(0x00, Encoding.RAW),
    SERVER_HELLO(0x10, Encoding.PROTOBUF),
    CLIENT_HELLO(0x11, Encoding.PROTOBUF),
    SERVER_INFO(0x12, Encoding.PROTOBUF),
    REFLECTION_QUEUE_DRY(0x20, Encoding.PROTOBUF),
    ROLE_PROMOTED_TO_LEADER(0x21, Encoding.PROTOBUF),
    GET_DEVICES_INFO(0x30, Encoding.PROTOBUF),
    DEVICES_INFO(0x31, Encoding.PROTOBUF),
    DROP_DEVICE(0x32, Encoding.PROTOBUF),
    DROP_DEVICE_ACK(0x33, Encoding.PROTOBUF),
    SET_SHARED_DEVICE_DATA(0x34, Encoding.PROTOBUF),
    BEGIN_TRANSACTION(0x40, Encoding.PROTOBUF),
    BEGIN_TRANSACTION_ACK(0x41, Encoding.PROTOBUF),
    COMMIT_TRANSACTION(0x42, Encoding.PROTOBUF),
    COMMIT_TRANSACTION_ACK(0x43, Encoding.PROTOBUF),
    TRANSACTION_REJECTED(0x44, Encoding.PROTOBUF),
    TRANSACTION_ENDED(0x45, Encoding.PROTOBUF),
    REFLECT(0x80, Encoding.STRUCT),
    REFLECT_ACK(0x81, Encoding.STRUCT),
    REFLECTED(0x82, Encoding.STRUCT),
    REFLECTED_ACK(0x83, Encoding.STRUCT);

    /** How a payload of this type is encoded. */
    public enum Encoding {
        /** One CSP unit, forwarded verbatim (§6.4). */
        RAW,
        PROTOBUF,
        /** A fixed little-endian structure (§6.5). */
        STRUCT
    }

    private static final D2mPayloadType[] BY_CODE = new D2mPayloadType[256];

    static {
        for (D2mPayloadType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final Encoding encoding;

    D2mPayloadType(int code, Encoding encoding) {
        this.code = code;
        this.encoding = encoding;
    }

    public int code() {
        return code;
    }

    public Encoding encoding() {
        return encoding;
    }

    public static Optional<D2mPayloadType> fromCode(int code) {
        return code < 0 || code > 0xff ? Optional.empty() : Optional.ofNullable(BY_CODE[code]);
    }
}
