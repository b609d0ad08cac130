package dev.parley.common.codec;

/**
 * The one exception every Parley protocol decoder throws for input it rejects: too short, too
 * long, trailing bytes, a length field out of bounds, a non-zero reserved byte, an unknown value
 * where the protocol allows none.
 *
 * <p>The {@linkplain #getMessage() message} is a short, fixed reason (for example
 * {@code "frame length out of bounds"}) that never contains input bytes, so a server may log it
 * and send it back to the peer in a CSP close-error or a D2M close reason (DESIGN.md, "Errors and
 * bad input"). It carries no stack trace: peers can trigger it at will, and capturing one per
 * rejected frame would make garbage input needlessly expensive.
 */
public final class DecodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DecodeException(String reason) {
        super(reason, null, false, false);
    }

    /** The short reason; identical to {@link #getMessage()}. */
    public String reason() {
        return getMessage();
    }
}
