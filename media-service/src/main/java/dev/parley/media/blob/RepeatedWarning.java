package dev.parley.media.blob;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * A warning that every request would repeat while its cause lasts (a full disk refuses each
 * upload): logged once per interval, saying how many refusals it stands for, so that the log keeps
 * room for everything else. The metric counts each one.
 */
final class RepeatedWarning {

    private final Logger log;
    private final String message;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong unreported = new AtomicLong();
    /** When the next line may be written: from the start, at once. */
    private final AtomicLong nextAt;

    RepeatedWarning(Logger log, String message, Duration interval, LongSupplier nanoTime) {
        this.log = log;
        this.message = message;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.nextAt = new AtomicLong(nanoTime.getAsLong());
    }

    /**
     * @return how many occurrences the line logged now stands for (this one and those since the
     *     last line), or 0 when this one waits to be counted into the next line
     */
    long occurred(Throwable cause) {
        long now = nanoTime.getAsLong();
        long due = nextAt.get();
        if (now - due >= 0 && nextAt.compareAndSet(due, now + intervalNanos)) {
            long count = unreported.getAndSet(0) + 1;
            log.warn("{} ({} since the last report): {}", message, count, cause.toString());
            return count;
        }
        unreported.incrementAndGet();
        return 0;
    }
}
