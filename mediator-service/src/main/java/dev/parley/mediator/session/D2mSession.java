package dev.parley.mediator.session;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import dev.parley.common.codec.DecodeException;
import dev.parley.common.crypto.ConstantTime;
import dev.parley.common.crypto.CryptoException;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.SecretBox;
import dev.parley.common.crypto.X25519;
import dev.parley.common.d2m.D2mCloseCode;
import dev.parley.common.d2m.D2mContainer;
import dev.parley.common.d2m.D2mPayloadType;
import dev.parley.common.d2m.Reflect;
import dev.parley.common.d2m.ReflectAck;
import dev.parley.common.d2m.Reflected;
import dev.parley.common.d2m.ReflectedAck;
import dev.parley.common.d2m.proto.BeginTransaction;
import dev.parley.common.d2m.proto.ClientHello;
import dev.parley.common.d2m.proto.DevicesInfo;
import dev.parley.common.d2m.proto.DropDevice;
import dev.parley.common.d2m.proto.DropDeviceAck;
import dev.parley.common.d2m.proto.ServerHello;
import dev.parley.common.d2m.proto.ServerInfo;
import dev.parley.common.d2m.proto.SetSharedDeviceData;
import dev.parley.common.d2m.proto.SlotExpirationPolicy;
import dev.parley.common.d2m.proto.SlotState;
import dev.parley.common.d2m.proto.SlotsExhaustedPolicy;
import dev.parley.common.d2m.proto.TransactionEnded;
import dev.parley.common.d2m.proto.TransactionRejected;
import dev.parley.common.encoding.Hex;
import dev.parley.mediator.cluster.DevicePresence;
import dev.parley.mediator.reflection.QueuedReflection;
import dev.parley.mediator.slot.Admission;
import dev.parley.mediator.slot.DeviceSlot;
import dev.parley.mediator.slot.SlotPolicy;
import dev.parley.mediator.proxy.CspStreamSegmenter;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.util.concurrent.Queues;

/**
 * One device's D2M connection: handshake, admission to its slot, delivery of its reflection
 * queue, reflects, leader role with the proxied CSP connection, transactions and device
 * management (PROTOCOLS.md §6).
 *
 * <p>Threading: frames from the device arrive on the connection's event loop; database and
 * Redis results arrive on other threads. Every state change happens under this object's monitor,
 * and no method blocks while holding it (all I/O is asynchronous), so the monitor is only ever
 * held briefly. Everything for the device goes through one ordered sink.
 */
public final class D2mSession {

    private static final Logger log = LoggerFactory.getLogger(D2mSession.class);
    private static final AtomicLong CONNECTIONS = new AtomicLong();
    private static final int RESPONSE_LENGTH = SecretBox.NONCE_BYTES + 32 + SecretBox.MAC_BYTES;
    /** The CSP client-hello and login that a device may send before it leads; nothing else. */
    private static final int MAX_PENDING_CSP_BYTES = 4096;
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final String LEADER = "leader";
    private static final String TRANSACTION = "transaction";

    private enum State { AWAITING_HELLO, ADMITTING, ACTIVE, CLOSED }

    /** What goes to the device: a binary D2M message, or a WebSocket ping when {@code bytes} is null. */
    public record Outgoing(byte[] bytes) {
        static final Outgoing PING = new Outgoing(null);
    }

    private record Transaction(byte[] scope, String holder, Duration ttl, List<Reflect> staged,
                               boolean[] granted, Disposable[] timer) {
    }

    private final SessionServices services;
    private final byte[] groupId;
    private final String groupHex;
    private final long connectionId = CONNECTIONS.incrementAndGet();
    private final long openedAt = System.nanoTime();
    /** Small queue chunks: an idle connection should not hold a 256-slot array for four messages. */
    private final Sinks.Many<Outgoing> out = Sinks.many().unicast()
            .onBackpressureBuffer(Queues.<Outgoing>unbounded(16).get());
    private volatile long lastSeen = System.nanoTime();
    private volatile long lastPing = System.nanoTime();

    private State state = State.AWAITING_HELLO;
    private int closeCode = D2mCloseCode.NORMAL.code();
    private X25519.KeyPair esk = X25519.generateKeyPair();
    private byte[] challenge = CryptoRandom.bytes(32);
    private long deviceId;
    private DevicePresence presence;
    private boolean admissionRunning;
    private boolean slotHeld;

    private final List<byte[]> pendingCsp = new ArrayList<>(1);
    private int pendingCspBytes;
    private Connection csp;
    private boolean leader;
    private boolean leading;
    private boolean cspConnecting;

    private long cursor;
    private final Map<Long, Long> inFlight = new HashMap<>(4);
    private boolean pumping;
    private boolean pumpAgain;
    private boolean drySent;

    private Transaction transaction;

    D2mSession(SessionServices services, byte[] groupId) {
        this.services = services;
        this.groupId = groupId;
        this.groupHex = Hex.encode(groupId);
    }

    Flux<Outgoing> outbound() {
        return out.asFlux();
    }

    synchronized int closeCode() {
        return closeCode;
    }

    public String groupHex() {
        return groupHex;
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
                .setEsk(ByteString.copyFrom(esk.publicKey()))
                .setChallenge(ByteString.copyFrom(challenge))
                .build());
    }

    void touch() {
        lastSeen = System.nanoTime();
    }

    // ---- frames from the device ----

    synchronized void onBinary(byte[] message) {
        touch();
        if (state == State.CLOSED) {
            return;
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
        if (!challengeAnswered(hello.getResponse().toByteArray())) {
            close(D2mCloseCode.PROTOCOL_ERROR);
            return;
        }
        esk = null;
        challenge = null;
        deviceId = hello.getDeviceId();
        SlotPolicy policy = new SlotPolicy(
                hello.getExpectedDeviceSlotState() == SlotState.SLOT_EXISTING,
                hello.getDeviceSlotExpirationPolicy() == SlotExpirationPolicy.SLOT_PERSISTENT,
                hello.getDeviceSlotsExhaustedPolicy() == SlotsExhaustedPolicy.SLOTS_DROP_LEAST_RECENT);
        byte[] deviceInfo = hello.getEncryptedDeviceInfo().toByteArray();
        state = State.ADMITTING;
        admissionRunning = true;
        presence = new DevicePresence(services.node().value(), connectionId, System.currentTimeMillis());
        DevicePresence me = presence;
        long device = deviceId;
        services.jdbc().call(j -> services.slots().admit(groupId, device, policy, deviceInfo))
                .flatMap(admission -> !admission.admitted() ? Mono.just(new Admitted(admission, null))
                        : services.registry().register(groupHex, device, me)
                                .map(previous -> new Admitted(admission, previous.orElse(null))))
                .subscribe(this::admitted, this::admissionFailed);
    }

    /** The response is {@code nonce || box(challenge)} under X25519HSalsa20(ESK, DGID) (§6.3). */
    private boolean challengeAnswered(byte[] response) {
        if (response.length != RESPONSE_LENGTH) {
            return false;
        }
        byte[] nonce = java.util.Arrays.copyOf(response, SecretBox.NONCE_BYTES);
        byte[] box = java.util.Arrays.copyOfRange(response, SecretBox.NONCE_BYTES, response.length);
        try {
            byte[] opened = SecretBox.open(X25519.beforenm(esk.secretKey(), groupId), nonce, box);
            return ConstantTime.equals(opened, challenge);
        } catch (CryptoException e) {
            return false;
        }
    }

    private record Admitted(Admission admission, DevicePresence replaced) {
    }

    private synchronized void admitted(Admitted result) {
        admissionRunning = false;
        Admission admission = result.admission();
        if (!admission.admitted()) {
            close(admission.refusal());
            return;
        }
        slotHeld = true;
        if (state == State.CLOSED) {
            releaseSlot();
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
        pump();
    }

    private synchronized void admissionFailed(Throwable e) {
        admissionRunning = false;
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
            case GET_DEVICES_INFO -> devicesInfo();
            case DROP_DEVICE -> dropDevice(DropDevice.parseFrom(c.payload()).getDeviceId());
            case SET_SHARED_DEVICE_DATA -> {
                byte[] data = SetSharedDeviceData.parseFrom(c.payload()).getEncryptedSharedDeviceData().toByteArray();
                services.jdbc().call(j -> {
                    services.slots().setSharedDeviceData(groupId, data);
                    return true;
                }).subscribe(null, this::internalError);
            }
            case BEGIN_TRANSACTION -> beginTransaction(BeginTransaction.parseFrom(c.payload()));
            case COMMIT_TRANSACTION -> commitTransaction();
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
        Transaction t = transaction;
        if (t != null && t.granted()[0]) {
            // Held back until commit; dropped if the transaction never commits.
            if (t.staged().size() >= services.properties().transactions().maxReflects()) {
                close(D2mCloseCode.PROTOCOL_ERROR);
                return;
            }
            t.staged().add(reflect);
            send(D2mPayloadType.REFLECT_ACK, new ReflectAck(reflect.reflectId(), now).encode());
            return;
        }
        services.writer().reflect(groupId, deviceId, reflect.flags(), now, reflect.envelope())
                .subscribe(null, this::internalError, () -> reflectStored(reflect.reflectId(), now));
    }

    private synchronized void reflectStored(long reflectId, long storedAt) {
        services.metrics().reflected();
        send(D2mPayloadType.REFLECT_ACK, new ReflectAck(reflectId, storedAt).encode());
    }

    private void reflectedAck(ReflectedAck ack) {
        Long sequence = inFlight.remove(ack.reflectedId());
        if (sequence == null) {
            close(D2mCloseCode.UNKNOWN_MESSAGE_ACKED);
            return;
        }
        services.writer().ack(groupId, deviceId, List.of(sequence));
        if (pumpAgain && inFlight.size() <= services.properties().reflection().maxInFlight() / 2) {
            pump();
        }
    }

    /** New reflections may wait in this device's queue. */
    public synchronized void reflectionsAvailable() {
        pump();
    }

    private void pump() {
        if (state != State.ACTIVE) {
            return;
        }
        int room = services.properties().reflection().maxInFlight() - inFlight.size();
        if (pumping || room <= 0) {
            pumpAgain = true;
            return;
        }
        pumping = true;
        pumpAgain = false;
        int limit = Math.min(room, services.properties().reflection().deliveryBatch());
        long after = cursor;
        long device = deviceId;
        services.jdbc().call(j -> services.queue().after(groupId, device, after, limit))
                .subscribe(rows -> pumped(rows, limit), this::pumpFailed);
    }

    private synchronized void pumped(List<QueuedReflection> rows, int limit) {
        pumping = false;
        if (state != State.ACTIVE) {
            return;
        }
        for (QueuedReflection row : rows) {
            inFlight.put(row.wireId(), row.sequence());
            cursor = row.sequence();
            send(D2mPayloadType.REFLECTED,
                    new Reflected(row.flags(), row.wireId(), row.storedAt(), row.envelope()).encode());
        }
        services.metrics().delivered(rows.size());
        if (rows.size() == limit || pumpAgain) {
            // More may be waiting (or arrived meanwhile): the backlog is not over yet.
            pump();
            return;
        }
        if (!drySent) {
            drySent = true;
            send(D2mPayloadType.REFLECTION_QUEUE_DRY, new byte[0]);
            tryLead();
        }
    }

    private synchronized void pumpFailed(Throwable e) {
        pumping = false;
        internalError(e);
    }

    /**
     * Ephemeral reflections reach only connected devices and are never stored or acked. They
     * carry reflected ID 0: receivers must not ack them, so the ID identifies nothing.
     */
    public synchronized void deliverEphemeral(int flags, long timestamp, byte[] envelope) {
        if (state == State.ACTIVE) {
            send(D2mPayloadType.REFLECTED, new Reflected(flags, 0, timestamp, envelope).encode());
        }
    }

    // ---- leader and CSP proxy ----

    /** Asks for the leader role if this device may have it; true when an attempt was started. */
    public synchronized boolean tryLead() {
        if (state != State.ACTIVE || !drySent || leader || leading) {
            return false;
        }
        leading = true;
        services.leases().acquire(LEADER, groupHex, presence.encode(), services.properties().leader().leaseTtl())
                .subscribe(this::leadGranted, e -> {
                    synchronized (this) {
                        leading = false;
                    }
                    log.warn("asking for the leader role failed: {}", e.toString());
                });
        return true;
    }

    private synchronized void leadGranted(dev.parley.mediator.cluster.Leases.Grant grant) {
        leading = false;
        if (!grant.granted()) {
            return;
        }
        if (state != State.ACTIVE) {
            services.leases().release(LEADER, groupHex, presence.encode()).subscribe();
            return;
        }
        leader = true;
        send(D2mPayloadType.ROLE_PROMOTED_TO_LEADER, new byte[0]);
        if (!pendingCsp.isEmpty()) {
            connectCsp();
        }
    }

    /**
     * The leader's CSP session is opened once the leader has CSP bytes to send (clients send the
     * client-hello as soon as the socket opens), so a device that speaks no CSP costs the chat
     * server no connection.
     */
    private void connectCsp() {
        cspConnecting = true;
        services.csp().connect().subscribe(this::cspConnected, e -> cspFailed());
    }

    public synchronized boolean isLeader() {
        return leader;
    }

    /** Keeps the leader lease; a leader that lost it is closed so that it reconnects as a follower. */
    void renewLeadership() {
        DevicePresence me;
        synchronized (this) {
            if (!leader || state != State.ACTIVE) {
                return;
            }
            me = presence;
        }
        services.leases().renew(LEADER, groupHex, me.encode(), services.properties().leader().leaseTtl())
                .subscribe(kept -> {
                    if (!kept) {
                        close(D2mCloseCode.INTERNAL_ERROR);
                    }
                }, e -> log.warn("renewing a leader lease failed: {}", e.toString()));
    }

    private synchronized void cspConnected(Connection connection) {
        if (state == State.CLOSED) {
            connection.dispose();
            return;
        }
        csp = connection;
        pendingCsp.forEach(unit -> connection.channel().write(Unpooled.wrappedBuffer(unit)));
        connection.channel().flush();
        pendingCsp.clear();
        pendingCspBytes = 0;
        CspStreamSegmenter segmenter = new CspStreamSegmenter();
        connection.inbound().receive()
                .concatMapIterable(segmenter::feed)
                .subscribe(unit -> send(D2mPayloadType.PROXY, unit),
                        e -> close(D2mCloseCode.CSP_CONNECTION_CLOSED),
                        () -> close(D2mCloseCode.CSP_CONNECTION_CLOSED));
    }

    private synchronized void cspFailed() {
        close(D2mCloseCode.CSP_CONNECTION_FAILED);
    }

    /**
     * One CSP unit from the device. Only the leader's CSP session is connected to the chat
     * server; until a device leads, what it sends (the client-hello, which clients send right
     * away) waits here, bounded, and anything beyond that is a protocol error.
     */
    private void proxyFromDevice(byte[] unit) {
        if (csp != null) {
            csp.channel().writeAndFlush(Unpooled.wrappedBuffer(unit));
            return;
        }
        pendingCspBytes += unit.length;
        if (pendingCspBytes > MAX_PENDING_CSP_BYTES) {
            close(D2mCloseCode.PROTOCOL_ERROR);
            return;
        }
        pendingCsp.add(unit);
        if (leader && !cspConnecting) {
            connectCsp();
        }
    }

    // ---- transactions ----

    private void beginTransaction(BeginTransaction begin) {
        if (transaction != null) {
            close(D2mCloseCode.PROTOCOL_ERROR);
            return;
        }
        Duration max = services.properties().transactions().maxTtl();
        Duration ttl = begin.getTtl() == 0 || Duration.ofSeconds(begin.getTtl()).compareTo(max) > 0
                ? max : Duration.ofSeconds(begin.getTtl());
        byte[] scope = begin.getEncryptedScope().toByteArray();
        String holder = presence.encode() + "|" + deviceId + "|" + B64.encodeToString(scope);
        Transaction t = new Transaction(scope, holder, ttl, new ArrayList<>(), new boolean[1], new Disposable[1]);
        transaction = t;
        services.leases().acquire(TRANSACTION, groupHex, holder, ttl)
                .subscribe(grant -> transactionAnswered(t, grant), this::internalError);
    }

    private synchronized void transactionAnswered(Transaction t, dev.parley.mediator.cluster.Leases.Grant grant) {
        if (transaction != t || state != State.ACTIVE) {
            if (grant.granted()) {
                services.leases().release(TRANSACTION, groupHex, t.holder()).subscribe();
            }
            return;
        }
        if (!grant.granted()) {
            transaction = null;
            String[] holder = grant.holder().split("\\|", 5);
            TransactionRejected.Builder rejected = TransactionRejected.newBuilder();
            if (holder.length == 5) {
                rejected.setDeviceId(Long.parseLong(holder[3]))
                        .setEncryptedScope(ByteString.copyFrom(B64D.decode(holder[4])));
            }
            send(D2mPayloadType.TRANSACTION_REJECTED, rejected.build());
            return;
        }
        t.granted()[0] = true;
        t.timer()[0] = Mono.delay(t.ttl()).subscribe(x -> transactionExpired(t));
        send(D2mPayloadType.BEGIN_TRANSACTION_ACK, new byte[0]);
    }

    private synchronized void transactionExpired(Transaction t) {
        if (transaction == t) {
            close(D2mCloseCode.TRANSACTION_TTL_REACHED);
        }
    }

    private void commitTransaction() {
        Transaction t = transaction;
        if (t == null || !t.granted()[0]) {
            close(D2mCloseCode.PROTOCOL_ERROR);
            return;
        }
        transaction = null;
        t.timer()[0].dispose();
        long device = deviceId;
        // Check the lease is still ours (and keep it while the reflects are stored), then store
        // them in the order they were sent, then let the other devices go.
        services.leases().renew(TRANSACTION, groupHex, t.holder(), Duration.ofSeconds(30))
                .flatMap(held -> {
                    if (!held) {
                        return Mono.just(false);
                    }
                    List<Mono<Void>> stored = new ArrayList<>();
                    long now = System.currentTimeMillis();
                    for (Reflect r : t.staged()) {
                        stored.add(services.writer().reflect(groupId, device, r.flags(), now, r.envelope()));
                    }
                    return Mono.when(stored)
                            .then(services.leases().release(TRANSACTION, groupHex, t.holder()))
                            .thenReturn(true);
                })
                .subscribe(committed -> transactionCommitted(t, committed), this::internalError);
    }

    private synchronized void transactionCommitted(Transaction t, boolean committed) {
        if (!committed) {
            close(D2mCloseCode.TRANSACTION_TTL_REACHED);
            return;
        }
        send(D2mPayloadType.COMMIT_TRANSACTION_ACK, new byte[0]);
        services.events().transactionEnded(groupHex, deviceId, t.scope());
    }

    /** Another device's transaction ended. */
    public synchronized void transactionEnded(long holder, byte[] scope) {
        if (state == State.ACTIVE) {
            send(D2mPayloadType.TRANSACTION_ENDED, TransactionEnded.newBuilder()
                    .setDeviceId(holder).setEncryptedScope(ByteString.copyFrom(scope)).build());
        }
    }

    // ---- devices ----

    private void devicesInfo() {
        Mono.zip(services.jdbc().call(j -> services.slots().list(groupId)), services.registry().devices(groupHex))
                .subscribe(both -> {
                    DevicesInfo.Builder info = DevicesInfo.newBuilder();
                    for (DeviceSlot slot : both.getT1()) {
                        DevicesInfo.AugmentedDeviceInfo.Builder device = DevicesInfo.AugmentedDeviceInfo.newBuilder()
                                .setEncryptedDeviceInfo(ByteString.copyFrom(slot.encryptedDeviceInfo()))
                                .setDeviceSlotExpirationPolicy(slot.persistent()
                                        ? SlotExpirationPolicy.SLOT_PERSISTENT : SlotExpirationPolicy.SLOT_VOLATILE);
                        DevicePresence at = both.getT2().get(slot.deviceId());
                        if (at != null) {
                            device.setConnectedSince(at.connectedSince());
                        } else if (slot.lastDisconnectAt() != null) {
                            device.setLastDisconnectAt(slot.lastDisconnectAt().toEpochMilli());
                        }
                        info.putAugmentedDeviceInfo(slot.deviceId(), device.build());
                    }
                    sendLocked(D2mPayloadType.DEVICES_INFO, info.build().toByteArray());
                }, this::internalError);
    }

    private void dropDevice(long target) {
        services.jdbc().call(j -> services.slots().drop(groupId, target))
                .flatMap(existed -> services.events().closeDevice(groupHex, target, D2mCloseCode.DEVICE_DROPPED, null)
                        .thenReturn(existed))
                .subscribe(existed -> sendLocked(D2mPayloadType.DROP_DEVICE_ACK,
                        DropDeviceAck.newBuilder().setDeviceId(target).build().toByteArray()), this::internalError);
    }

    // ---- output and closing ----

    private synchronized void sendLocked(D2mPayloadType type, byte[] payload) {
        send(type, payload);
    }

    private void send(D2mPayloadType type, MessageLite message) {
        send(type, message.toByteArray());
    }

    private void send(D2mPayloadType type, byte[] payload) {
        if (state != State.CLOSED) {
            out.tryEmitNext(new Outgoing(new D2mContainer(type, payload).encode()));
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
            out.tryEmitNext(Outgoing.PING);
        }
    }

    private void internalError(Throwable e) {
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
        out.tryEmitComplete();
    }

    /** The device closed the connection, or it broke. */
    synchronized void inputEnded() {
        if (state != State.CLOSED) {
            state = State.CLOSED;
            out.tryEmitComplete();
        }
    }

    /** The connection is gone: give up the roles it held and its place in the group. */
    synchronized void terminated() {
        inputEnded();
        services.local().closed(this);
        if (csp != null) {
            csp.dispose();
            csp = null;
        }
        Transaction t = transaction;
        transaction = null;
        if (t != null && t.granted()[0]) {
            t.timer()[0].dispose();
            long device = deviceId;
            services.leases().release(TRANSACTION, groupHex, t.holder())
                    .subscribe(released -> {
                        if (released) {
                            services.events().transactionEnded(groupHex, device, t.scope());
                        }
                    }, e -> log.warn("releasing a transaction failed: {}", e.toString()));
        }
        if (leader) {
            leader = false;
            services.leases().release(LEADER, groupHex, presence.encode())
                    .subscribe(released -> services.events().leaderVacant(groupHex),
                            e -> log.warn("releasing a leader lease failed: {}", e.toString()));
        }
        if (slotHeld && !admissionRunning) {
            releaseSlot();
        }
    }

    /**
     * Leaves the registry and marks the slot disconnected (removing a volatile one), unless a newer
     * connection of the same device already took over: its slot must stay.
     */
    private void releaseSlot() {
        slotHeld = false;
        long device = deviceId;
        DevicePresence me = presence;
        services.registry().unregister(groupHex, device, me)
                .filter(stillMine -> stillMine)
                .flatMap(stillMine -> services.jdbc().call(j -> {
                    services.slots().disconnected(groupId, device);
                    return true;
                }))
                .subscribe(null, e -> log.warn("releasing a device slot failed: {}", e.toString()));
    }
}
