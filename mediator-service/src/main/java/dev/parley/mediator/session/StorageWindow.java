package dev.parley.mediator.session;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A device's durable reflects handed to storage and not yet stored, in envelope bytes. Past
 * {@code max-pending-bytes} the device's next message is not read until half of them are stored,
 * so a device that sends faster than the database stores waits in its own TCP window. Guarded by
 * the session's monitor.
 */
final class StorageWindow {

    private final long maxBytes;
    private long pending;
    /** While reading is held: completes when the device may be read again. */
    private Sinks.Empty<Void> resume;

    StorageWindow(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    void submitted(int bytes) {
        pending += bytes;
        if (resume == null && pending > maxBytes) {
            resume = Sinks.empty();
        }
    }

    void stored(int bytes) {
        pending -= bytes;
        if (pending <= maxBytes / 2) {
            release();
        }
    }

    /** Completes when the device's next message may be read: at once unless reading is held. */
    Mono<Void> nextRead() {
        return resume == null ? Mono.empty() : resume.asMono();
    }

    /** Reads on, as when the connection closes and nothing more will be stored. */
    void release() {
        if (resume != null) {
            resume.tryEmitEmpty();
            resume = null;
        }
    }
}
