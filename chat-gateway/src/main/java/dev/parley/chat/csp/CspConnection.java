package dev.parley.chat.csp;

import dev.parley.common.crypto.SecretBox;
import dev.parley.common.csp.extension.LoginExtensions;
import dev.parley.common.csp.frame.CspContainer;
import dev.parley.common.csp.frame.CspNonceSequence;
import dev.parley.common.csp.payload.CloseError;
import dev.parley.common.csp.payload.CspPayloadType;
import dev.parley.common.csp.payload.MessagePayloadFormat;
import dev.parley.common.identity.ThreemaId;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * One logged-in CSP connection as the rest of the server sees it: who it is, what payload format
 * it speaks, and a thread-safe way to send it containers. Encryption happens on the connection's
 * event loop, so the server's nonce sequence advances in the order containers are written.
 */
public final class CspConnection {

    private final Channel channel;
    private final ThreemaId identity;
    private final LoginExtensions extensions;
    private final SecretBox box;
    private final CspNonceSequence serverNonces;
    private final long epoch;
    private volatile boolean unblocked;
    /** The queue position up to which this connection has been sent stored messages. */
    private final AtomicLong deliveredSeq = new AtomicLong();
    /** One queue read at a time per connection; a request during one makes it read again. */
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicBoolean readAgain = new AtomicBoolean();
    /** Queue readers waiting for the channel to drain; touched on the event loop only, made when needed. */
    private List<MonoSink<Void>> waitingForRoom;

    CspConnection(Channel channel, ThreemaId identity, LoginExtensions extensions, SecretBox box,
                  CspNonceSequence serverNonces, long epoch) {
        this.channel = channel;
        this.identity = identity;
        this.extensions = extensions;
        this.box = box;
        this.serverNonces = serverNonces;
        this.epoch = epoch;
        // Multi-device leaders get nothing until they say they are ready (0x03, §5.5).
        this.unblocked = extensions.cspDeviceId().isEmpty();
    }

    public ThreemaId identity() {
        return identity;
    }

    public OptionalLong cspDeviceId() {
        return extensions.cspDeviceId();
    }

    public MessagePayloadFormat payloadFormat() {
        return extensions.payloadFormat();
    }

    /** Distinguishes this login from an earlier or later one of the same identity and device. */
    public long epoch() {
        return epoch;
    }

    public boolean receivesMessages() {
        return unblocked && channel.isActive();
    }

    void unblock() {
        unblocked = true;
    }

    public long deliveredSeq() {
        return deliveredSeq.get();
    }

    public void delivered(long seq) {
        deliveredSeq.accumulateAndGet(seq, Math::max);
    }

    /** Claims the queue reader; false (and a note to read again) when one is running. */
    public boolean startReading() {
        if (reading.compareAndSet(false, true)) {
            readAgain.set(false);
            return true;
        }
        readAgain.set(true);
        return false;
    }

    /** Releases the queue reader; true when another read was asked for meanwhile (the caller reads again). */
    public boolean stopReading() {
        reading.set(false);
        return readAgain.compareAndSet(true, false) && reading.compareAndSet(false, true);
    }

    boolean isActive() {
        return channel.isActive();
    }

    /**
     * Whether the client takes what it is sent: false once more than the high water mark waits
     * in the channel. Messages for a backlogged connection go through the queue instead.
     */
    public boolean keepsUp() {
        return channel.isWritable();
    }

    /**
     * Completes once everything sent before has reached the channel and the channel is below its
     * high water mark (or closed), so the queue reader sends a page only when the client keeps up.
     * It checks on the event loop, behind the writes already handed to it.
     */
    public Mono<Void> whenKeepingUp() {
        return Mono.create(sink -> channel.eventLoop().execute(() -> {
            if (channel.isWritable() || !channel.isActive()) {
                sink.success();
            } else {
                if (waitingForRoom == null) {
                    waitingForRoom = new ArrayList<>(1);
                }
                waitingForRoom.add(sink);
            }
        }));
    }

    /** On the event loop: the channel drained (or closed); waiting queue readers go on. */
    void writabilityChanged() {
        if (waitingForRoom != null && (channel.isWritable() || !channel.isActive())) {
            List<MonoSink<Void>> waiting = waitingForRoom;
            waitingForRoom = null;
            waiting.forEach(MonoSink::success);
        }
    }

    public void send(CspPayloadType type, byte[] data) {
        send(new CspContainer(type, data));
    }

    public void send(CspContainer container) {
        if (channel.eventLoop().inEventLoop()) {
            write(container);
        } else {
            channel.eventLoop().execute(() -> write(container));
        }
    }

    /** Sends a close-error and closes once it is written. */
    public void closeWithError(String message) {
        CspContainer error = new CspContainer(CspPayloadType.CLOSE_ERROR, new CloseError(false, message).encode());
        channel.eventLoop().execute(() -> {
            if (channel.isActive()) {
                channel.writeAndFlush(frame(error)).addListener(ChannelFutureListener.CLOSE);
            }
        });
    }

    private void write(CspContainer container) {
        if (channel.isActive()) {
            channel.writeAndFlush(frame(container));
        }
    }

    private ByteBuf frame(CspContainer container) {
        byte[] plaintext = container.encode();
        byte[] sealed = box.seal(serverNonces.next(), plaintext);
        ByteBuf out = channel.alloc().buffer(2 + sealed.length);
        out.writeShortLE(sealed.length);
        out.writeBytes(sealed);
        return out;
    }
}
