package dev.parley.mediator.session;

import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * What waits to be sent to one device: one ordered sink, its bytes counted from the moment a
 * message is queued until the WebSocket takes it, so a device that stops reading is noticed and
 * bounded. Past a quarter of {@code maxBytes} it is {@link #busy} (queue delivery and the proxied
 * CSP stream wait), past half there is no room for ephemeral reflections, and an offer past all
 * of it is refused (the session closes the device).
 *
 * <p>Offers come under the session's monitor (the sink takes one producer at a time); the count
 * goes down on the WebSocket's thread, which then calls {@code onDrained} when it falls back
 * under the busy mark.
 */
final class DeviceOutbound {

    /** What goes to the device: a binary D2M message, or a WebSocket ping when {@code bytes} is null. */
    record Outgoing(byte[] bytes) {
        static final Outgoing PING = new Outgoing(null);
    }

    /** Small queue chunks: an idle connection should not hold a 256-slot array for four messages. */
    private final Sinks.Many<Outgoing> sink = Sinks.many().unicast()
            .onBackpressureBuffer(Queues.<Outgoing>unbounded(16).get());
    private final AtomicLong bytes = new AtomicLong();
    private final long maxBytes;
    private final Runnable onDrained;

    DeviceOutbound(long maxBytes, Runnable onDrained) {
        this.maxBytes = maxBytes;
        this.onDrained = onDrained;
    }

    Flux<Outgoing> flux() {
        long busyMark = maxBytes / 4;
        return sink.asFlux().doOnNext(o -> {
            if (o.bytes() != null) {
                long left = bytes.addAndGet(-o.bytes().length);
                if (left <= busyMark && left + o.bytes().length > busyMark) {
                    onDrained.run();
                }
            }
        });
    }

    /** Queues a message; false (and nothing queued) when the device has {@code maxBytes} waiting. */
    boolean offer(byte[] message) {
        if (bytes.addAndGet(message.length) > maxBytes) {
            bytes.addAndGet(-message.length);
            return false;
        }
        sink.tryEmitNext(new Outgoing(message));
        return true;
    }

    void ping() {
        sink.tryEmitNext(Outgoing.PING);
    }

    /** Sends what is queued, then ends. */
    void complete() {
        sink.tryEmitComplete();
    }

    boolean busy() {
        return bytes.get() > maxBytes / 4;
    }

    boolean roomForEphemeral() {
        return bytes.get() <= maxBytes / 2;
    }
}
