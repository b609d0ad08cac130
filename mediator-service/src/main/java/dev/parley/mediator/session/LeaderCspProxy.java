package dev.parley.mediator.session;

import dev.parley.common.d2m.D2mCloseCode;
import dev.parley.mediator.proxy.CspConnector;
import dev.parley.mediator.proxy.CspStreamSegmenter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.netty.Connection;

/**
 * A device's CSP session through the mediator (PROTOCOLS.md §6.4). Only the leader's CSP session
 * reaches the chat server. Until a device leads, what it sends (the client-hello, which clients
 * send as soon as the socket opens) waits here, bounded; anything beyond that is a protocol
 * error. The TCP connection is opened once a leader has CSP bytes to send, so a device that
 * speaks no CSP costs the chat server no connection.
 *
 * <p>Guarded by the session's monitor: the session calls in holding it, and the TCP connection's
 * callbacks take it before they touch anything. The chat server's stream is read with demand
 * ({@link ChatServerReader}) so that the device's pace sets the chat server's.
 */
final class LeaderCspProxy {

    /** The CSP client-hello and login that a device may send before it leads; nothing else. */
    static final int MAX_PENDING_BYTES = 4096;

    private final D2mSession session;
    private final CspConnector connector;
    private final List<byte[]> pending = new ArrayList<>(1);
    private int pendingBytes;
    private Connection csp;
    private boolean connecting;
    /** Made when the TCP connection is: most devices never lead. */
    private ChatServerReader reader;

    LeaderCspProxy(D2mSession session, CspConnector connector) {
        this.session = session;
        this.connector = connector;
    }

    /** One CSP unit from the device; false when it sent more than it may before it leads. */
    boolean fromDevice(byte[] unit, boolean leader) {
        if (csp != null) {
            csp.channel().writeAndFlush(Unpooled.wrappedBuffer(unit));
            return true;
        }
        pendingBytes += unit.length;
        if (pendingBytes > MAX_PENDING_BYTES) {
            return false;
        }
        pending.add(unit);
        if (leader && !connecting) {
            connect();
        }
        return true;
    }

    /** The device became leader: its CSP session may go through now. */
    void promoted() {
        if (!pending.isEmpty() && !connecting) {
            connect();
        }
    }

    void dispose() {
        if (csp != null) {
            csp.dispose();
            csp = null;
        }
    }

    private void connect() {
        connecting = true;
        connector.connect().subscribe(this::connected, e -> session.close(D2mCloseCode.CSP_CONNECTION_FAILED));
    }

    private void connected(Connection connection) {
        ChatServerReader chatServer = new ChatServerReader();
        synchronized (session) {
            if (!session.isOpen()) {
                connection.dispose();
                return;
            }
            csp = connection;
            reader = chatServer;
            pending.forEach(unit -> connection.channel().write(Unpooled.wrappedBuffer(unit)));
            connection.channel().flush();
            pending.clear();
            pendingBytes = 0;
        }
        connection.inbound().receive().subscribe(chatServer);
    }

    /** The device took what waited for it: read on from the chat server if reading was held. */
    void drained() {
        if (reader != null) {
            reader.drained();
        }
    }

    /**
     * Reads the chat server's stream one chunk at a time and asks for the next only while the
     * device keeps up, so a device that stops reading holds the chat server back through TCP
     * instead of filling the mediator's memory.
     */
    private final class ChatServerReader extends BaseSubscriber<ByteBuf> {

        private final CspStreamSegmenter segmenter = new CspStreamSegmenter();
        private boolean held;

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            request(1);
        }

        @Override
        protected void hookOnNext(ByteBuf chunk) {
            List<byte[]> units = segmenter.feed(chunk);
            synchronized (session) {
                units.forEach(session::sendProxyUnit);
                if (session.outboundBusy()) {
                    held = true;
                    return;
                }
            }
            request(1);
        }

        void drained() {
            if (held) {
                held = false;
                request(1);
            }
        }

        @Override
        protected void hookOnError(Throwable e) {
            session.close(D2mCloseCode.CSP_CONNECTION_CLOSED);
        }

        @Override
        protected void hookOnComplete() {
            session.close(D2mCloseCode.CSP_CONNECTION_CLOSED);
        }
    }
}
