package dev.parley.chat.csp;

import dev.parley.chat.identity.IdentityKeys;
import dev.parley.chat.identity.PublicIdentity;
import dev.parley.chat.keys.ServerKeyPair;
import dev.parley.chat.message.MessageRouter;
import dev.parley.chat.push.PushTokens;
import dev.parley.common.codec.DecodeException;
import dev.parley.common.crypto.CryptoException;
import dev.parley.common.csp.extension.ClientPlatform;
import dev.parley.common.csp.extension.DeviceCookieExtension;
import dev.parley.common.csp.extension.LoginExtensions;
import dev.parley.common.csp.frame.CspContainer;
import dev.parley.common.csp.handshake.ClientHello;
import dev.parley.common.csp.handshake.Login;
import dev.parley.common.csp.payload.CloseError;
import dev.parley.common.csp.payload.CspPayloadType;
import dev.parley.common.csp.payload.DeletePushToken;
import dev.parley.common.csp.payload.IdleTimeout;
import dev.parley.common.csp.payload.MessageAck;
import dev.parley.common.csp.payload.MessageFlags;
import dev.parley.common.csp.payload.MessageStruct;
import dev.parley.common.csp.payload.PushToken;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One CSP connection from its first byte to its close: the handshake (§5.2), the vouch check
 * against the directory's key, then the payloads (§5.5). Runs on the connection's event loop;
 * only the directory lookup and database work leave it, and their results come back to it.
 *
 * <p>Bad input ends the connection: before login silently (the client has proven nothing), after
 * login with a close-error where the protocol has one.
 */
final class CspConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(CspConnectionHandler.class);
    private static final int MAX_FRAMES_BEFORE_LOGIN_ACK = 32;
    /** Messages a connection may have waiting for routing; a client that floods beyond it is cut off. */
    private static final int MAX_ROUTING = 10_000;
    static final String IDLE_HANDLER = "idle";

    private enum State { HELLO, LOGIN, EXTENSIONS, AUTHENTICATING, READY, CLOSED }

    private final CspUnitDecoder decoder;
    private final CspHandshake handshake;
    private final Timeouts timeouts;
    private final IdentityKeys keys;
    private final Connections connections;
    private final MessageRouter router;
    private final PushTokens pushTokens;
    private final DeviceCookies deviceCookies;
    private final PermanentSharedKeys permanentKeys;
    private final MeterRegistry meters;
    private final ArrayDeque<byte[]> early = new ArrayDeque<>();
    private State state = State.HELLO;
    private LoginExtensions extensions;
    private CspConnection connection;
    private ScheduledFuture<?> handshakeDeadline;
    private IdleWatch idle;
    /** Messages of this connection waiting to be routed, in the order they arrived. */
    private Sinks.Many<MessageStruct> outgoing;
    private final AtomicInteger routing = new AtomicInteger();

    /** How long a login may take, a logged-in connection may stay quiet, and when it is asked for an echo. */
    record Timeouts(Duration handshake, Duration idle, Duration echoAfter) {
    }

    CspConnectionHandler(CspUnitDecoder decoder, ServerKeyPair serverKey, Timeouts timeouts, CspServices services,
                         PermanentSharedKeys permanentKeys) {
        this.decoder = decoder;
        this.handshake = new CspHandshake(serverKey.secretKey());
        this.timeouts = timeouts;
        this.keys = services.keys();
        this.connections = services.connections();
        this.router = services.router();
        this.pushTokens = services.pushTokens();
        this.deviceCookies = services.deviceCookies();
        this.permanentKeys = permanentKeys;
        this.meters = services.meters();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // A client that dribbles its handshake (slowloris) is cut off at the deadline.
        handshakeDeadline = ctx.executor().schedule(() -> {
            if (state != State.READY) {
                refuse(ctx, "handshake timeout");
            }
        }, timeouts.handshake().toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        byte[] unit = (byte[]) msg;
        if (idle != null) {
            idle.read(System.nanoTime());
        }
        try {
            switch (state) {
                case HELLO -> {
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(handshake.serverHello(unit)));
                    decoder.expect(Login.LOGIN_DATA_BOX_LENGTH);
                    state = State.LOGIN;
                }
                case LOGIN -> {
                    int extensionsLength = handshake.login(unit);
                    if (extensionsLength > 0) {
                        decoder.expect(extensionsLength);
                        state = State.EXTENSIONS;
                    } else {
                        authenticate(ctx, LoginExtensions.of());
                    }
                }
                case EXTENSIONS -> authenticate(ctx, handshake.extensions(unit));
                case AUTHENTICATING -> {
                    if (early.size() >= MAX_FRAMES_BEFORE_LOGIN_ACK) {
                        refuse(ctx, "too many frames before login-ack");
                    } else {
                        early.add(unit);
                    }
                }
                case READY -> frame(ctx, unit);
                case CLOSED -> { }
            }
        } catch (DecodeException | CryptoException | IllegalArgumentException e) {
            badInput(ctx, e);
        }
    }

    private void badInput(ChannelHandlerContext ctx, RuntimeException e) {
        if (state == State.READY) {
            closeWithError("Protocol error: " + e.getMessage());
        } else {
            refuse(ctx, e.getMessage());
        }
    }

    private void authenticate(ChannelHandlerContext ctx, LoginExtensions loginExtensions) {
        extensions = loginExtensions;
        state = State.AUTHENTICATING;
        decoder.expectFrames();
        keys.find(handshake.loginData().identity()).subscribe(
                found -> ctx.executor().execute(() -> loggedIn(ctx, found)),
                error -> ctx.executor().execute(() -> {
                    log.warn("directory lookup failed: {}", error.toString());
                    refuse(ctx, "directory unavailable");
                }));
    }

    private void loggedIn(ChannelHandlerContext ctx, Optional<PublicIdentity> found) {
        if (state != State.AUTHENTICATING) {
            return;
        }
        if (found.isEmpty() || found.get().revoked()) {
            refuseIdentity(ctx, found.isEmpty());
            return;
        }
        if (!handshake.vouchMatches(found.get().publicKey(), permanentKeys.with(found.get().publicKey()))) {
            failed("bad_vouch");
            refuse(ctx, "vouch mismatch");
            return;
        }
        ctx.writeAndFlush(Unpooled.wrappedBuffer(handshake.loginAck()));
        connection = new CspConnection(ctx.channel(), found.get().id(), extensions, handshake.box(),
                handshake.serverNonces(), connections.nextEpoch());
        connections.register(connection);
        handshakeDeadline.cancel(false);
        idle = new IdleWatch(timeouts.echoAfter(), timeouts.idle(), System.nanoTime());
        ctx.pipeline().addBefore(ctx.name(), IDLE_HANDLER, idleHandler());
        state = State.READY;
        meters.counter("parley.chat.logins", "platform", platform()).increment();
        CspConnection loggedIn = connection;
        deviceCookies.loggedIn(loggedIn.identity(), extensions.deviceCookie().map(DeviceCookieExtension::cookie))
                .subscribe(changed -> {
                    if (changed) {
                        loggedIn.send(CspPayloadType.DEVICE_COOKIE_CHANGE_INDICATION, new byte[0]);
                    }
                }, e -> log.warn("device cookie not checked: {}", e.toString()));
        try {
            while (!early.isEmpty() && state == State.READY) {
                frame(ctx, early.poll());
            }
        } catch (DecodeException | CryptoException | IllegalArgumentException e) {
            badInput(ctx, e);
            return;
        }
        if (connection.receivesMessages()) {
            deliverQueue();
        }
    }

    /**
     * The client has proven nothing yet, but the session key exists, so it can be told why. The
     * login phase has fixed sizes (§5.2), and the mediator cuts the stream by them (§6.4), so the
     * reason follows a regular login-ack as the first frame. Nothing else is sent, and what the
     * client sends (frames it did not wait to send, too) is dropped unparsed. Only our side is
     * shut: a close with the client's bytes unread would reset the connection and could destroy
     * the reason before it arrives. The client closes once it has read it, or the handshake
     * deadline does.
     */
    private void refuseIdentity(ChannelHandlerContext ctx, boolean unknown) {
        failed(unknown ? "unknown_identity" : "revoked_identity");
        state = State.CLOSED;
        early.clear();
        decoder.discard();
        byte[] loginAck = handshake.loginAck();
        CspContainer error = new CspContainer(CspPayloadType.CLOSE_ERROR,
                new CloseError(false, unknown ? "Unknown identity" : "Identity has been revoked").encode());
        byte[] sealed = handshake.box().seal(handshake.serverNonces().next(), error.encode());
        byte[] frame = new byte[2 + sealed.length];
        frame[0] = (byte) sealed.length;
        frame[1] = (byte) (sealed.length >>> 8);
        System.arraycopy(sealed, 0, frame, 2, sealed.length);
        ctx.write(Unpooled.wrappedBuffer(loginAck));
        ctx.writeAndFlush(Unpooled.wrappedBuffer(frame)).addListener(written -> {
            if (written.isSuccess() && ctx.channel() instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
            } else {
                ctx.close();
            }
        });
    }

    private String platform() {
        return extensions.clientInfo().map(info -> info.parsed().platform()).orElse(ClientPlatform.UNKNOWN)
                .name().toLowerCase();
    }

    private void failed(String reason) {
        meters.counter("parley.chat.login.failures", "reason", reason).increment();
    }

    private void frame(ChannelHandlerContext ctx, byte[] box) {
        CspContainer container = CspContainer.decode(handshake.box().open(handshake.clientNonces().next(), box));
        Optional<CspPayloadType> type = container.payloadType();
        if (type.isEmpty()) {
            closeWithError("Unknown payload type");
            return;
        }
        switch (type.get()) {
            case ECHO_REQUEST -> connection.send(CspPayloadType.ECHO_RESPONSE, container.data());
            case ECHO_RESPONSE -> { }
            case CLEAR_DEVICE_COOKIE_CHANGE_INDICATION -> deviceCookies.cleared(connection.identity())
                    .subscribe(null, e -> log.warn("device cookie flag not cleared: {}", e.toString()));
            case OUTGOING_MESSAGE -> outgoing(MessageStruct.decode(container.data(), connection.payloadFormat()));
            case INCOMING_MESSAGE_ACK -> router.acknowledged(connection, MessageAck.decode(container.data()))
                    .subscribe(null, e -> log.warn("ack not recorded: {}", e.toString()));
            case UNBLOCK_INCOMING_MESSAGES -> {
                container.requireEmptyData();
                connection.unblock();
                deliverQueue();
            }
            case SET_PUSH_NOTIFICATION_TOKEN -> pushToken(PushTokens.Kind.REGULAR, PushToken.decode(container.data()));
            case SET_VOIP_PUSH_NOTIFICATION_TOKEN -> pushToken(PushTokens.Kind.HIGH_PRIORITY, PushToken.decode(container.data()));
            case DELETE_PUSH_NOTIFICATION_TOKEN -> pushTokens.delete(connection.identity(), deviceId(),
                    DeletePushToken.decode(container.data())).subscribe(null, e -> log.warn("push token not deleted: {}", e.toString()));
            case SET_CONNECTION_IDLE_TIMEOUT -> {
                IdleTimeout timeout = IdleTimeout.decode(container.data());
                idle.timeout(Duration.ofSeconds(timeout.seconds()));
                ctx.pipeline().replace(IDLE_HANDLER, IDLE_HANDLER, idleHandler());
            }
            default -> {
                if (!type.get().obsolete()) {
                    closeWithError("Unexpected payload type");
                }
            }
        }
    }

    private void outgoing(MessageStruct message) {
        if (!message.sender().equals(connection.identity())) {
            closeWithError("Message sender does not match the logged-in identity");
            return;
        }
        long now = System.currentTimeMillis() / 1000;
        if (message.createdAt() > now || message.hasFlag(MessageFlags.SHORT_LIVED_QUEUING)) {
            message = message.withCreatedAt(now);
        }
        if (routing.incrementAndGet() > MAX_ROUTING) {
            closeWithError("Too many messages in flight");
            return;
        }
        if (outgoing == null) {
            outgoing = Sinks.many().unicast().onBackpressureBuffer();
            // One message routed at a time: the receiver sees a sender's messages in the order sent.
            outgoing.asFlux()
                    .concatMap(m -> router.submit(m).map(safe -> acknowledgeWhenSafe(m, safe))
                            .onErrorResume(e -> {
                                log.warn("message not accepted: {}", e.toString());
                                return Mono.just(m);
                            }))
                    .subscribe(m -> routing.decrementAndGet());
        }
        outgoing.tryEmitNext(message);
    }

    private MessageStruct acknowledgeWhenSafe(MessageStruct message, Mono<Void> safe) {
        safe.subscribe(null, e -> log.warn("message not stored: {}", e.toString()), () -> {
            if (!message.hasFlag(MessageFlags.NO_ACK)) {
                connection.send(CspPayloadType.OUTGOING_MESSAGE_ACK,
                        new MessageAck(message.receiver(), message.messageId()).encode());
            }
        });
        return message;
    }

    private void pushToken(PushTokens.Kind kind, PushToken token) {
        pushTokens.set(connection.identity(), deviceId(), kind, token)
                .subscribe(null, e -> log.warn("push token not stored: {}", e.toString()));
    }

    private long deviceId() {
        return connection.cspDeviceId().orElse(0);
    }

    private void deliverQueue() {
        router.deliverQueue(connection).subscribe(null, e -> log.warn("queue delivery failed: {}", e.toString()));
    }

    private void closeWithError(String message) {
        state = State.CLOSED;
        connection.closeWithError(message);
    }

    private void refuse(ChannelHandlerContext ctx, String reason) {
        log.debug("closing CSP connection from {}: {}", ctx.channel().remoteAddress(), reason);
        state = State.CLOSED;
        ctx.close();
    }

    private IdleStateHandler idleHandler() {
        return new IdleStateHandler(idle.periodNanos(), 0, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            if (state != State.READY) {
                refuse(ctx, "idle");
            } else {
                switch (idle.quiet(System.nanoTime(), extensions.allowsEchoRequests())) {
                    case CLOSE -> refuse(ctx, "idle");
                    case ECHO -> connection.send(CspPayloadType.ECHO_REQUEST, idle.nextEcho(System.currentTimeMillis()));
                    case NONE -> { }
                }
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (connection != null) {
            connection.writabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connection != null) {
            connection.writabilityChanged();
        }
        state = State.CLOSED;
        if (outgoing != null) {
            // What was received is still routed; nothing more arrives.
            outgoing.tryEmitComplete();
        }
        if (handshakeDeadline != null) {
            handshakeDeadline.cancel(false);
        }
        if (connection != null) {
            connections.unregister(connection);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Oversized frames, resets and the like: nothing the client can be told any more.
        refuse(ctx, cause.toString());
    }
}
