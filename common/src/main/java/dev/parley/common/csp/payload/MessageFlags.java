package dev.parley.common.csp.payload;

/**
 * Flag bits of the message struct (PROTOCOLS.md §5.6). Unknown bits are carried through
 * unchanged; only the server logic interprets them.
 */
public final class MessageFlags {

    /** The server sends a push notification to the receiver. */
    public static final int SEND_PUSH = 0x01;
    /** Drop instead of queueing when the receiver is offline (e.g. typing indicators). */
    public static final int NO_SERVER_QUEUING = 0x02;
    /** Neither the server nor the receiver acknowledges the message. */
    public static final int NO_ACK = 0x04;
    /** Reserved; formerly marked group messages. */
    public static final int RESERVED_GROUP = 0x10;
    /** Queue for 60 seconds only; the server also overrides created-at. */
    public static final int SHORT_LIVED_QUEUING = 0x20;
    /** The receiver must not send automatic delivery receipts. */
    public static final int NO_DELIVERY_RECEIPTS = 0x80;

    private MessageFlags() {
    }

    public static boolean has(int flags, int flag) {
        return (flags & flag) != 0;
    }
}
