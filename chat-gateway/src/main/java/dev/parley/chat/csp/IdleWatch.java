package dev.parley.chat.csp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * When a quiet logged-in connection is asked for an echo and when it is closed (PROTOCOLS.md
 * §5.5). The connection is looked at every {@link #periodNanos()} without a frame from the
 * client: a client that allows server echo requests (extension 0x02 bit 1) is sent one, which
 * its answer makes the connection busy again; once it has been quiet for its whole idle timeout,
 * it is closed. Pure; the handler owns the clock and the event loop owns this object.
 */
final class IdleWatch {

    enum Verdict { NONE, ECHO, CLOSE }

    static final int ECHO_LENGTH = 12;

    private final long echoAfterNanos;
    private long timeoutNanos;
    private long periodNanos;
    private long lastRead;
    private int sequence;

    IdleWatch(Duration echoAfter, Duration timeout, long now) {
        this.echoAfterNanos = echoAfter.toNanos();
        this.lastRead = now;
        timeout(timeout);
    }

    /** The client set another idle timeout (0x30), or the server's default applies. */
    void timeout(Duration timeout) {
        timeoutNanos = timeout.toNanos();
        periodNanos = Math.max(1, Math.min(echoAfterNanos, timeoutNanos / 2));
    }

    long periodNanos() {
        return periodNanos;
    }

    void read(long now) {
        lastRead = now;
    }

    /** The connection has been quiet for a period. */
    Verdict quiet(long now, boolean echoAllowed) {
        if (now - lastRead >= timeoutNanos - periodNanos / 2) {
            return Verdict.CLOSE;
        }
        return echoAllowed ? Verdict.ECHO : Verdict.NONE;
    }

    /** 12 bytes as Android's own echo requests have: a counter (u32) and the time in ms (u64). */
    byte[] nextEcho(long nowMillis) {
        return ByteBuffer.allocate(ECHO_LENGTH).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(++sequence).putLong(nowMillis).array();
    }
}
