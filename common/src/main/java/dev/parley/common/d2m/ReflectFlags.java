package dev.parley.common.d2m;

/** Flags of the reflect and reflected headers (PROTOCOLS.md §6.5), a u16-le. */
public final class ReflectFlags {

    /**
     * Ephemeral: forwarded only to devices connected right now, keeping queue order; the
     * mediator sends no reflect-ack and receivers send no reflected-ack.
     */
    public static final int EPHEMERAL = 0x0001;

    private ReflectFlags() {
    }

    public static boolean isEphemeral(int flags) {
        return (flags & EPHEMERAL) != 0;
    }
}
