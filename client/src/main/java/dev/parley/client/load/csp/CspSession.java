package dev.parley.client.load.csp;

import dev.parley.client.load.LoadIdentity;
import dev.parley.common.codec.LittleEndian;
import dev.parley.common.crypto.AuthenticationException;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.ProtocolKeys;
import dev.parley.common.crypto.SecretBox;
import dev.parley.common.crypto.X25519;
import dev.parley.common.csp.extension.LoginExtensions;
import dev.parley.common.csp.frame.CspFrames;
import dev.parley.common.csp.frame.CspNonceSequence;
import dev.parley.common.csp.handshake.ClientHello;
import dev.parley.common.csp.handshake.LoginAck;
import dev.parley.common.csp.handshake.LoginData;
import dev.parley.common.csp.handshake.ServerHello;
import dev.parley.common.csp.handshake.ServerHelloPlaintext;
import dev.parley.common.csp.payload.CloseError;
import dev.parley.common.csp.payload.CspPayloadType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One CSP connection of the load generator as a state machine on its Netty event loop:
 * client-hello, server-hello, login and extensions, login-ack, then frames both ways
 * (PROTOCOLS.md §5). Everything but {@link #close} and {@link #execute} must be called on the
 * connection's event loop, which is also where the {@link Listener} is called.
 *
 * <p>Per connection it keeps one {@link SecretBox} (sealing and opening both run on the event
 * loop) and the two nonce sequences; the buffers for opening and sealing are the event loop's,
 * shared by all its connections, so an idle connection costs little beyond Netty's channel.
 */
public final class CspSession extends ByteToMessageDecoder {

    /** What the scenario hears from a connection, on its event loop. */
    public interface Listener {

        void loggedIn(CspSession session);

        /** The connection failed before the login-ack (refused, unreachable, timed out). */
        void loginFailed(CspSession session, String reason);

        /**
         * A container arrived: its type and data ({@code length} bytes of {@code buffer} from
         * {@code offset}). The buffer is reused afterwards: copy what must be kept.
         */
        void received(CspSession session, int type, byte[] buffer, int offset, int length);

        /**
         * The logged-in connection closed; {@code reason} is the server's close-error or what
         * happened. A refusal of the identity arrives here too, after {@link #loggedIn}: the
         * server sends it as the first frame after a regular login-ack, and the reason then
         * starts with {@code login refused: }.
         */
        void closed(CspSession session, String reason);
    }

    private enum State { CONNECTING, HELLO, LOGIN_ACK, READY, CLOSED }

    /** Scratch for one frame, per event loop thread: opening and sealing never overlap on one thread. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[CspFrames.MAX_BOX_LENGTH + 64]);
    /** Separate from {@link #SCRATCH}: a listener may write while handling a frame that is still in it. */
    private static final ThreadLocal<byte[]> SEAL_SCRATCH = ThreadLocal.withInitial(() -> new byte[CspFrames.MAX_BOX_LENGTH + 64]);

    private final LoadIdentity identity;
    private final byte[] serverKey;
    private final LoginExtensions extensions;
    private final Listener listener;
    private final long handshakeTimeoutMillis;
    private State state = State.CONNECTING;
    private volatile Channel channel;
    private ChannelHandlerContext ctx;
    private X25519.KeyPair temporary;
    private byte[] clientCookie;
    private CspNonceSequence clientNonces;
    private CspNonceSequence serverNonces;
    private SecretBox box;
    private byte[] ackNonce;
    private ScheduledFuture<?> handshakeTimer;
    private boolean flushPending;
    private boolean flushScheduled;
    private String closeReason;
    private long framesSinceLogin;
    /** Free for the scenario to hang its per-connection state on. */
    public Object attachment;

    CspSession(LoadIdentity identity, byte[] serverKey, LoginExtensions extensions, Listener listener,
               long handshakeTimeoutMillis) {
        this.identity = identity;
        this.serverKey = serverKey;
        this.extensions = extensions;
        this.listener = listener;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    public LoadIdentity identity() {
        return identity;
    }

    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    public boolean isReady() {
        return state == State.READY;
    }

    /** Runs {@code task} on this connection's event loop (at once if already there). */
    public void execute(Runnable task) {
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    /** The caller's side of {@link CspLoadClient#connect}; the loop may have set it already in {@link #handlerAdded}. */
    void bind(Channel channel) {
        if (this.channel == null) {
            this.channel = channel;
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.channel = ctx.channel();
        this.ctx = ctx;
        super.handlerAdded(ctx);
    }

    /** The connection could not be opened (connect failed or timed out). */
    void connectFailed(String reason) {
        if (state == State.CONNECTING) {
            state = State.CLOSED;
            listener.loginFailed(this, reason);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        state = State.HELLO;
        handshakeTimer = ctx.executor().schedule(() -> fail("login timed out"), handshakeTimeoutMillis,
                TimeUnit.MILLISECONDS);
        temporary = X25519.generateKeyPair();
        clientCookie = CryptoRandom.bytes(ClientHello.COOKIE_LENGTH);
        ctx.writeAndFlush(ctx.alloc().buffer(ClientHello.LENGTH).writeBytes(
                new ClientHello(temporary.publicKey(), clientCookie).encode()));
        super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            while (true) {
                switch (state) {
                    case HELLO -> {
                        if (in.readableBytes() < ServerHello.LENGTH) {
                            return;
                        }
                        byte[] bytes = new byte[ServerHello.LENGTH];
                        in.readBytes(bytes);
                        serverHello(ServerHello.decode(bytes));
                    }
                    case LOGIN_ACK -> {
                        if (!loginAck(in)) {
                            return;
                        }
                    }
                    case READY -> {
                        if (!frame(in)) {
                            return;
                        }
                    }
                    default -> {
                        in.skipBytes(in.readableBytes());
                        return;
                    }
                }
            }
        } catch (RuntimeException e) {
            in.skipBytes(in.readableBytes());
            fail(state == State.READY ? "protocol error: " + e.getMessage() : "login failed: " + e.getMessage());
        }
    }

    private void serverHello(ServerHello hello) {
        clientNonces = new CspNonceSequence(clientCookie);
        serverNonces = new CspNonceSequence(hello.serverCookie());
        ServerHelloPlaintext plain;
        try {
            plain = ServerHelloPlaintext.decode(SecretBox.open(X25519.beforenm(temporary.secretKey(), serverKey),
                    serverNonces.next(), hello.box()));
        } catch (AuthenticationException e) {
            fail("server-hello does not open with the chat server key");
            return;
        }
        if (!Arrays.equals(plain.clientCookie(), clientCookie)) {
            fail("server-hello repeats the wrong client cookie");
            return;
        }
        byte[] sessionKey = X25519.beforenm(temporary.secretKey(), plain.temporaryServerKey());
        box = SecretBox.withKey(sessionKey);
        byte[] vouch = ProtocolKeys.cspVouch(identity.permanentShared(serverKey),
                X25519.beforenm(identity.keys().secretKey(), plain.temporaryServerKey()), hello.serverCookie(),
                temporary.publicKey());
        byte[] extensionsPlain = extensions.encode();
        byte[] loginBox = box.seal(clientNonces.next(), LoginData.withExtensions(identity.id(),
                extensionsPlain.length + SecretBox.MAC_BYTES, hello.serverCookie(), vouch).encode());
        byte[] extensionsBox = box.seal(clientNonces.next(), extensionsPlain);
        ByteBuf login = ctx.alloc().buffer(loginBox.length + extensionsBox.length);
        login.writeBytes(loginBox).writeBytes(extensionsBox);
        ctx.writeAndFlush(login);
        ackNonce = serverNonces.next().clone();
        temporary = null;
        clientCookie = null;
        state = State.LOGIN_ACK;
    }

    /** The login-ack, or the close-error frame the server sends instead; false while bytes are missing. */
    private boolean loginAck(ByteBuf in) {
        if (in.readableBytes() < LoginAck.LENGTH) {
            return false;
        }
        byte[] scratch = SCRATCH.get();
        in.getBytes(in.readerIndex(), scratch, 0, LoginAck.LENGTH);
        boolean ok;
        try {
            box.open(ackNonce, scratch, 0, LoginAck.LENGTH, scratch, 64);
            ok = true;
            for (int i = 0; i < LoginAck.PLAINTEXT_LENGTH; i++) {
                ok &= scratch[64 + i] == 0;
            }
        } catch (AuthenticationException e) {
            ok = false;
        }
        if (ok) {
            in.skipBytes(LoginAck.LENGTH);
            state = State.READY;
            handshakeTimer.cancel(false);
            listener.loggedIn(this);
            return true;
        }
        // Not a login-ack: the server refused and says why in a frame under the same nonce.
        int length = in.getUnsignedShortLE(in.readerIndex());
        if (length < CspFrames.MIN_BOX_LENGTH || length > CspFrames.MAX_BOX_LENGTH) {
            fail("login refused");
            return false;
        }
        if (in.readableBytes() < 2 + length) {
            return false;
        }
        in.getBytes(in.readerIndex() + 2, scratch, 0, length);
        in.skipBytes(in.readableBytes());
        String reason = "login refused";
        try {
            int plain = box.open(ackNonce, scratch, 0, length, scratch, SecretBox.MAC_BYTES);
            if (plain >= 4 && (scratch[SecretBox.MAC_BYTES] & 0xff) == CspPayloadType.CLOSE_ERROR.code()) {
                reason = "login refused: " + CloseError.decode(Arrays.copyOfRange(scratch, SecretBox.MAC_BYTES + 4,
                        SecretBox.MAC_BYTES + plain)).message();
            }
        } catch (RuntimeException e) {
            // Whatever it was, it was not a login-ack.
        }
        fail(reason);
        return false;
    }

    /** One frame after login; false while bytes are missing. */
    private boolean frame(ByteBuf in) {
        if (in.readableBytes() < 2) {
            return false;
        }
        int length = CspFrames.checkBoxLength(in.getUnsignedShortLE(in.readerIndex()));
        if (in.readableBytes() < 2 + length) {
            return false;
        }
        byte[] scratch = SCRATCH.get();
        in.getBytes(in.readerIndex() + 2, scratch, 0, length);
        in.skipBytes(2 + length);
        int plain = box.open(serverNonces.next(), scratch, 0, length, scratch, SecretBox.MAC_BYTES);
        if (plain < 4) {
            throw new IllegalArgumentException("container too short");
        }
        int type = scratch[SecretBox.MAC_BYTES] & 0xff;
        int dataOffset = SecretBox.MAC_BYTES + 4;
        int dataLength = plain - 4;
        boolean first = framesSinceLogin++ == 0;
        if (type == CspPayloadType.CLOSE_ERROR.code()) {
            // The server refuses an unknown or revoked identity after a regular login-ack: the
            // close-error is then the first frame and forbids reconnecting (PROTOCOLS.md §5.2).
            try {
                CloseError error = CloseError.decode(Arrays.copyOfRange(scratch, dataOffset, dataOffset + dataLength));
                closeReason = (first && !error.canReconnect() ? "login refused: " : "closed by server: ")
                        + error.message();
            } catch (RuntimeException e) {
                closeReason = "closed by server";
            }
        }
        listener.received(this, type, scratch, dataOffset, dataLength);
        return true;
    }

    /**
     * Seals and writes one container; flushed at the end of the current read or by
     * {@link #flushSoon}. Event loop only.
     */
    public void write(int type, byte[] data, int offset, int length) {
        if (state != State.READY) {
            return;
        }
        int plain = 4 + length;
        int boxLength = plain + SecretBox.MAC_BYTES;
        // Sealed in place in the loop's scratch, then copied once into a direct buffer for the socket.
        byte[] array = SEAL_SCRATCH.get();
        LittleEndian.putU16(array, 0, boxLength);
        int plainAt = 2 + SecretBox.MAC_BYTES;
        array[plainAt] = (byte) type;
        array[plainAt + 1] = 0;
        array[plainAt + 2] = 0;
        array[plainAt + 3] = 0;
        System.arraycopy(data, offset, array, plainAt + 4, length);
        box.seal(clientNonces.next(), array, plainAt, plain, array, 2);
        ByteBuf buf = ctx.alloc().directBuffer(2 + boxLength);
        buf.writeBytes(array, 0, 2 + boxLength);
        ctx.write(buf, ctx.voidPromise());
        flushPending = true;
    }

    /** Flushes once after the tasks queued on the event loop so far, so a batch of writes is one syscall. */
    public void flushSoon() {
        if (flushPending && !flushScheduled && state == State.READY) {
            flushScheduled = true;
            ctx.channel().eventLoop().execute(this::flushNow);
        }
    }

    private void flushNow() {
        flushScheduled = false;
        if (flushPending && ctx.channel().isActive()) {
            flushPending = false;
            ctx.flush();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (flushPending) {
            flushPending = false;
            ctx.flush();
        }
        super.channelReadComplete(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause.getMessage() == null ? cause.toString() : cause.getMessage());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        State was = state;
        state = State.CLOSED;
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        if (was == State.READY) {
            listener.closed(this, closeReason != null ? closeReason : "connection closed");
        } else if (was != State.CLOSED) {
            listener.loginFailed(this, "connection closed during login");
        }
        super.channelInactive(ctx);
    }

    /** Ends the connection because of {@code reason} and tells the listener once. */
    private void fail(String reason) {
        State was = state;
        if (was == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        if (was == State.READY) {
            listener.closed(this, reason);
        } else {
            listener.loginFailed(this, reason);
        }
        if (channel != null) {
            channel.close();
        }
    }

    /** Closes the connection from this side; the listener hears nothing more. Any thread. */
    public void close() {
        if (channel == null) {
            return;
        }
        execute(() -> {
            state = State.CLOSED;
            if (handshakeTimer != null) {
                handshakeTimer.cancel(false);
            }
            channel.close();
        });
    }

    public boolean isOpen() {
        return channel != null && channel.isActive() && state == State.READY;
    }
}
