package dev.parley.mediator.session;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import dev.parley.common.codec.DecodeException;
import dev.parley.common.d2m.D2mCloseCode;
import dev.parley.common.d2m.D2mContainer;
import dev.parley.common.d2m.D2mPayloadType;
import dev.parley.common.d2m.Reflect;
import dev.parley.common.d2m.ReflectAck;
import dev.parley.common.d2m.Reflected;
import dev.parley.common.d2m.ReflectedAck;
import dev.parley.common.d2m.proto.BeginTransaction;
import dev.parley.common.d2m.proto.ClientHello;
import dev.parley.common.d2m.proto.DropDevice;
import dev.parley.common.d2m.proto.ServerHello;
import dev.parley.common.d2m.proto.ServerInfo;
import dev.parley.common.d2m.proto.SetSharedDeviceData;
import dev.parley.common.d2m.proto.SlotState;
import dev.parley.common.d2m.proto.TransactionEnded;
import dev.parley.common.encoding.Hex;
import dev.parley.mediator.cluster.DevicePresence;
import dev.parley.mediator.reflection.QueuedReflection;
import dev.parley.mediator.slot.Admission;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One device's D2M connection (PROTOCOLS.md §6): the handshake, reflects, and the dispatch of
 * everything else to the session's parts: {@link SlotTenancy} (admission to its slot and
 * release), {@link QueueDelivery} (its reflection queue), {@link LeaderRole} with
 * {@link LeaderCspProxy} (the proxied CSP session), {@link SessionTransaction},
 * {@link GroupDevices}, and the two bounds on what the mediator holds for it:
 * {@link StorageWindow} (reflects waiting for storage) and {@link DeviceOutbound} (what waits to
 * be sent).
 *
 * <p>Threading: frames from the device arrive on the connection's event loop; database, Redis
 * and chat-server results arrive on other threads. Every state change, the parts' included,
 * happens under this object's monitor, and no method blocks while holding it (all I/O is
 * asynchronous), so the monitor is only ever held briefly. Everything for the device goes through
 * one ordered sink, and only under the monitor: the sink accepts one producer at a time.
 */
public final class D2mSession {

    private static final Logger log = LoggerFactory.getLogger(D2mSession.class);
    private static final AtomicLong CONNECTIONS = new AtomicLong();

    private enum State { AWAITING_HELLO, ADMITTING, ACTIVE, CLOSED }

    private final SessionServices services;
    private final byte[] groupId;
    private final String groupHex;
    private final long connectionId = CONNECTIONS.incrementAndGet();
    private final long openedAt = System.nanoTime();
    private final DeviceOutbound out;
    private volatile long lastSeen = System.nanoTime();
    private volatile long lastPing = System.nanoTime();
    private volatile Runnable abort = () -> { };

    private State state = State.AWAITING_HELLO;
    private int closeCode = D2mCloseCode.NORMAL.code();
    private HandshakeChallenge challenge = new HandshakeChallenge();
    private final StorageWindow storage;
    private long deviceId;
    private DevicePresence presence;
    private final SlotTenancy slot;

    private final LeaderRole leader;
    private final LeaderCspProxy csp;
    private final QueueDelivery delivery;
    private final SessionTransaction transaction;

    D2mSession(SessionServices services, byte[] groupId) {
        this.services = services;
        this.groupId = groupId;
        this.groupHex = Hex.encode(groupId);
        this.out = new DeviceOutbound(services.properties().devices().maxOutboundBytes(), this::outboundDrained);
        this.storage = new StorageWindow(services.properties().reflection().maxPendingBytes());
        this.slot = new SlotTenancy(services, groupId, groupHex);
        this.csp = new LeaderCspProxy(this, services.csp());
        this.leader = new LeaderRole(this, services, csp::promoted);
        this.delivery = new QueueDelivery(this, services);
        this.transaction = new SessionTransaction(this, services);
    }

    Flux<DeviceOutbound.Outgoing> outbound() {
        return out.flux();
    }

    /** Queue delivery and the proxied CSP stream wait while this is true ({@link DeviceOutbound}). */
    boolean outboundBusy() {
        return out.busy();
    }

    private synchronized void outboundDrained() {
        delivery.pump();
        csp.drained();
    }

    /** How to drop the connection at once, queued output and all; set by the handler. */
    void onAbort(Runnable abort) {
        this.abort = abort;
    }

    synchronized int closeCode() {
        return closeCode;
    }

    public String groupHex() {
        return groupHex;
    }

    byte[] groupId() {
        return groupId;
    }

    /** Under the monitor: the device is admitted and not closed. */
    boolean isActive() {
        return state == State.ACTIVE;
    }

    /** Under the monitor: the connection is not closed. */
    boolean isOpen() {
        return state != State.CLOSED;
    }

    public synchronized long deviceId() {
        return deviceId;
    }

    public long connectionId() {
        return connectionId;
    }

    public synchronized DevicePresence presence() {
        return presence;
    }

    /** Opens the handshake: ServerHello with a fresh ephemeral key and challenge. */
    synchronized void start() {
        services.local().opened(this);
        send(D2mPayloadType.SERVER_HELLO, ServerHello.newBuilder()
                .setVersion(0)
                .setEsk(ByteString.copyFrom(challenge.ephemeralPublicKey()))
                .setChallenge(ByteString.copyFrom(challenge.challenge()))
                .build());
    }

    void touch() {
        lastSeen = System.nanoTime();
    }

    // ---- frames from the device ----

    /**
     * One binary message from the device. The answer completes when the next one may be read: at
     * once, unless the device's reflects waiting for storage passed {@code max-pending-bytes}, so
     * that a device sending faster than the database stores waits in its own TCP window.
     */
    synchronized Mono<Void> onBinary(byte[] message) {
        touch();
        if (state == State.CLOSED) {
            return Mono.empty();
        }
        try {
            D2mContainer container = D2mContainer.decode(message);
            switch (state) {
                case AWAITING_HELLO -> awaitingHello(container);
                case ADMITTING -> {
                    if (container.type() != D2mPayloadType.PROXY.code()) {
                        close(D2mCloseCode.PROTOCOL_ERROR);
                    } else {
                        proxyFromDevice(container.payload());
                    }
                }
                case ACTIVE -> active(container);
                default -> { }
            }
        } catch (DecodeException | InvalidProtocolBufferException | IllegalArgumentException e) {
            close(D2mCloseCode.PROTOCOL_ERROR);
        }
        return storage.nextRead();
    }

    /** A text frame: D2M is binary only. */
    synchronized void onText() {
        close(D2mCloseCode.PROTOCOL_ERROR);
    }

    private void awaitingHello(D2mContainer container) throws InvalidProtocolBufferException {
        if (container.type() == D2mPayloadType.PROXY.code()) {
            // Clients send the CSP client-hello as soon as the socket opens (§6.4).
            proxyFromDevice(container.payload());
            return;
        }
        if (container.type() != D2mPayloadType.CLIENT_HELLO.code()) {
            close(D2mCloseCode.PROTOCOL_ERROR);
            return;
        }
        ClientHello hello = ClientHello.parseFrom(container.payload());
        if (hello.getVersion() != 0) {
            close(D2mCloseCode.UNSUPPORTED_VERSION);
            return;
        }
        if (!challenge.answeredBy(hello.getResponse().toByteArray(), groupId)) {
            close(D2mCloseCode.PROTOCOL_ERROR);
            return;
        }
        challenge = null;
        deviceId = hello.getDeviceId();
        state = State.ADMITTING;
        presence = new DevicePresence(services.node().value(), connectionId, System.currentTimeMillis());
        slot.admit(deviceId, SlotTenancy.policy(hello), hello.getEncryptedDeviceInfo().toByteArray(), presence)
                .subscribe(this::admitted, this::admissionFailed);
    }

    private synchronized void admitted(SlotTenancy.Admitted result) {
        Admission admission = result.admission();
        slot.answered(admission.admitted());
        if (!admission.admitted()) {
            close(admission.refusal());
            return;
        }
        if (state == State.CLOSED) {
            slot.release(deviceId, presence);
            return;
        }
        state = State.ACTIVE;
        D2mSession replacedHere = services.local().admitted(this);
        if (replacedHere != null && replacedHere != this) {
            replacedHere.close(D2mCloseCode.DUPLICATE_CONNECTION);
        } else if (result.replaced() != null) {
            services.events().closeConnection(groupHex, deviceId, result.replaced(), D2mCloseCode.DUPLICATE_CONNECTION)
                    .subscribe(null, e -> log.warn("closing the replaced connection failed: {}", e.toString()));
        }
        admission.droppedDevice().ifPresent(dropped -> services.events()
                .closeDevice(groupHex, dropped, D2mCloseCode.DEVICE_DROPPED, null).subscribe());
        send(D2mPayloadType.SERVER_INFO, ServerInfo.newBuilder()
                .setCurrentTime(System.currentTimeMillis())
                .setMaxDeviceSlots(services.slots().maxSlots())
                .setDeviceSlotState(admission.existing() ? SlotState.SLOT_EXISTING : SlotState.SLOT_NEW)
                .setEncryptedSharedDeviceData(ByteString.copyFrom(admission.sharedDeviceData()))
                .setReflectionQueueLength(admission.queueLength())
                .build());
        delivery.pump();
    }

    private synchronized void admissionFailed(Throwable e) {
        slot.answered(false);
        log.warn("admitting a device failed: {}", e.toString());
        close(D2mCloseCode.INTERNAL_ERROR);
    }

    private void active(D2mContainer c) throws InvalidProtocolBufferException {
        D2mPayloadType type = c.payloadType().orElse(null);
        if (type == null) {
            close(D2mCloseCode.PROTOCOL_ERROR);
            return;
        }
        switch (type) {
            case PROXY -> proxyFromDevice(c.payload());
            case REFLECT -> reflect(Reflect.decode(c.payload()));
            case REFLECTED_ACK -> reflectedAck(ReflectedAck.decode(c.payload()));
            case GET_DEVICES_INFO -> GroupDevices.list(this, services);
            case DROP_DEVICE -> GroupDevices.drop(this, services, DropDevice.parseFrom(c.payload()).getDeviceId());
            case SET_SHARED_DEVICE_DATA -> GroupDevices.setSharedData(this, services,
                    SetSharedDeviceData.parseFrom(c.payload()).getEncryptedSharedDeviceData().toByteArray());
            case BEGIN_TRANSACTION -> transaction.begin(BeginTransaction.parseFrom(c.payload()));
            case COMMIT_TRANSACTION -> transaction.commit();
            default -> close(D2mCloseCode.PROTOCOL_ERROR);
        }
    }

    // ---- reflection ----

    private void reflect(Reflect reflect) {
        long now = System.currentTimeMillis();
        if (reflect.ephemeral()) {
            services.metrics().ephemeralReflected();
            services.events().ephemeral(groupHex, deviceId, reflect.flags(), now, reflect.envelope());
            return;
        }
        if (transaction.holdBack(reflect, now)) {
            return;
        }
        int length = reflect.envelope().length;
        storage.submitted(length);
        services.writer().reflect(groupId, deviceId, reflect.flags(), now, reflect.envelope())
                .subscribe(null, e -> {
                    stored(length);
                    internalError(e);
                }, () -> {
                    stored(length);
                    reflectStored(reflect.reflectId(), now);
                });
    }

    /** A reflect left the writer (stored or failed). */
    private synchronized void stored(int length) {
        storage.stored(length);
    }

    private synchronized void reflectStored(long reflectId, long storedAt) {
        services.metrics().reflected();
        send(D2mPayloadType.REFLECT_ACK, new ReflectAck(reflectId, storedAt).encode());
    }

    private void reflectedAck(ReflectedAck ack) {
        if (!delivery.acked(ack.reflectedId())) {
            close(D2mCloseCode.UNKNOWN_MESSAGE_ACKED);
        }
    }

    /** Rows this node just stored in this device's queue, in storage order. */
    public synchronized void reflectionsStored(List<QueuedReflection> rows) {
        delivery.stored(rows);
    }

    /** New reflections may wait in this device's queue. */
    public synchronized void reflectionsAvailable() {
        delivery.pump();
    }

    /**
     * Ephemeral reflections reach only connected devices and are never stored or acked. They
     * carry reflected ID 0: receivers must not ack them, so the ID identifies nothing.
     */
    public synchronized void deliverEphemeral(int flags, long timestamp, byte[] envelope) {
        // Best effort by definition: a device that does not keep up loses these first.
        if (state == State.ACTIVE && out.roomForEphemeral()) {
            send(D2mPayloadType.REFLECTED, new Reflected(flags, 0, timestamp, envelope).encode());
        }
    }

    // ---- leader and CSP proxy ----

    /** Asks for the leader role if this device may have it; true when an attempt was started. */
    public synchronized boolean tryLead() {
        return state == State.ACTIVE && delivery.dry() && leader.ask();
    }

    public synchronized boolean isLeader() {
        return leader.held();
    }

    /** Keeps the leader lease; a leader that lost it is closed so that it reconnects as a follower. */
    void renewLeadership() {
        leader.renew();
    }

    /**
     * One CSP unit from the device (only the leader's go through; see {@link LeaderCspProxy}).
     */
    private void proxyFromDevice(byte[] unit) {
        if (!csp.fromDevice(unit, leader.held())) {
            close(D2mCloseCode.PROTOCOL_ERROR);
        }
    }

    /** One CSP unit from the chat server, for the device; under the monitor. */
    void sendProxyUnit(byte[] unit) {
        send(D2mPayloadType.PROXY, unit);
    }

    // ---- transactions ----

    /** Another device's transaction ended. */
    public synchronized void transactionEnded(long holder, byte[] scope) {
        if (state == State.ACTIVE) {
            send(D2mPayloadType.TRANSACTION_ENDED, TransactionEnded.newBuilder()
                    .setDeviceId(holder).setEncryptedScope(ByteString.copyFrom(scope)).build());
        }
    }

    // ---- output and closing ----

    /** Takes the monitor, for answers that arrive on other threads. */
    synchronized void sendLocked(D2mPayloadType type, byte[] payload) {
        send(type, payload);
    }

    private void send(D2mPayloadType type, MessageLite message) {
        send(type, message.toByteArray());
    }

    /** Under the monitor: everything for the device goes through this one ordered sink. */
    void send(D2mPayloadType type, byte[] payload) {
        if (state == State.CLOSED) {
            return;
        }
        if (!out.offer(new D2mContainer(type, payload).encode())) {
            // The device stopped reading: drop what waits for it instead of holding it.
            close(D2mCloseCode.CLIENT_IDLE_TIMEOUT);
            abort.run();
        }
    }

    /** Called by the keeper: pings a quiet device, closes one that stopped answering or never said hello. */
    synchronized void keepAlive(long now, long pingNanos, long idleNanos, long handshakeNanos) {
        if (state == State.CLOSED) {
            return;
        }
        if (state != State.ACTIVE && now - openedAt > handshakeNanos) {
            close(D2mCloseCode.CLIENT_IDLE_TIMEOUT);
        } else if (now - lastSeen > idleNanos) {
            close(D2mCloseCode.CLIENT_IDLE_TIMEOUT);
        } else if (now - lastPing >= pingNanos) {
            lastPing = now;
            out.ping();
        }
    }

    void internalError(Throwable e) {
        log.warn("D2M connection failed: {}", e.toString());
        close(D2mCloseCode.INTERNAL_ERROR);
    }

    /** Sends what is queued, then closes with {@code code}. */
    public synchronized void close(D2mCloseCode code) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        closeCode = code.code();
        services.metrics().closed(code.code());
        out.complete();
        storage.release();
    }

    /** The device closed the connection, or it broke. */
    synchronized void inputEnded() {
        if (state != State.CLOSED) {
            state = State.CLOSED;
            out.complete();
        }
        storage.release();
    }

    /** The connection is gone: give up the roles it held and its place in the group. */
    synchronized void terminated() {
        inputEnded();
        services.local().closed(this);
        csp.dispose();
        transaction.abandon();
        leader.release();
        slot.release(deviceId, presence);
    }
}
