package dev.parley.mediator.rendezvous;

import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * One side of a rendezvous path. Bytes wait here for the other side's socket, bounded: a peer
 * that does not read is closed rather than buffered without end.
 */
final class RendezvousPeer {

    static final int BAD_PATH_OR_FULL = 4000;
    static final int PEER_TIMEOUT = 4003;
    static final int PEER_LEFT = 4004;

    private final Sinks.Many<byte[]> out = Sinks.many().unicast().onBackpressureBuffer();
    private final AtomicInteger buffered = new AtomicInteger();
    private final int maxBuffered;
    private volatile RendezvousPeer other;
    private volatile int closeCode = 1000;
    private volatile long lastActivity = System.nanoTime();
    private boolean done;
    private final java.util.List<byte[]> early = new java.util.ArrayList<>(1);
    private int earlyBytes;

    RendezvousPeer(int maxBuffered) {
        this.maxBuffered = maxBuffered;
    }

    Flux<byte[]> outbound() {
        return out.asFlux().doOnNext(bytes -> buffered.addAndGet(-bytes.length));
    }

    int closeCode() {
        return closeCode;
    }

    long lastActivity() {
        return lastActivity;
    }

    synchronized void paired(RendezvousPeer peer) {
        this.other = peer;
        early.forEach(peer::deliver);
        early.clear();
    }

    boolean isPaired() {
        return other != null;
    }

    /** Bytes from this peer's device: on to the other side. */
    void received(byte[] bytes) {
        lastActivity = System.nanoTime();
        RendezvousPeer to;
        synchronized (this) {
            to = other;
            if (to == null) {
                // The protocol starts with the second device, but what comes early waits, bounded.
                earlyBytes += bytes.length;
                if (earlyBytes > maxBuffered) {
                    close(1009);
                } else {
                    early.add(bytes);
                }
                return;
            }
        }
        to.lastActivity = lastActivity;
        to.deliver(bytes);
    }

    private synchronized void deliver(byte[] bytes) {
        if (done) {
            return;
        }
        if (buffered.addAndGet(bytes.length) > maxBuffered) {
            close(1009);
            return;
        }
        out.tryEmitNext(bytes);
    }

    synchronized void close(int code) {
        if (!done) {
            done = true;
            closeCode = code;
            out.tryEmitComplete();
        }
    }
}
