package dev.parley.chat.message;

import dev.parley.chat.ChatProperties;
import dev.parley.chat.csp.Connections;
import dev.parley.chat.csp.CspConnection;
import dev.parley.chat.identity.IdentityKeys;
import dev.parley.chat.presence.NodeChannel;
import dev.parley.chat.presence.Presence;
import dev.parley.chat.push.PushNotifier;
import dev.parley.chat.push.PushedMessage;
import dev.parley.chat.message.MessageRepository.NewMessage;
import dev.parley.common.csp.payload.CspPayloadType;
import dev.parley.common.csp.payload.MessageAck;
import dev.parley.common.csp.payload.MessageFlags;
import dev.parley.common.csp.payload.MessageStruct;
import dev.parley.common.identity.ThreemaId;
import dev.parley.service.jdbc.BlockingJdbc;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where an outgoing message goes (PROTOCOLS.md §5.6, DESIGN.md "Data lifecycle"). A message is
 * acknowledged to its sender only once it is safe: acknowledged by its online receiver (the fast
 * path, no database write), committed to the queue, or, for messages that ask for no queuing,
 * handed to a connected receiver or dropped as the sender asked. A stored
 * message leaves the queue when its receiver acknowledges it or it expires.
 *
 * <p>Messages to an unknown or revoked identity are acknowledged and dropped: the sender cannot
 * do better by sending again, and a missing ack would make it retry forever.
 */
@Component
public class MessageRouter {

    /** How long a message handed to an online receiver waits for its ack before it is stored instead. */
    static final Duration FAST_PATH_WAIT = Duration.ofSeconds(2);

    private record InFlight(ThreemaId receiver, ThreemaId sender, long messageId) {
    }

    private final ConcurrentHashMap<InFlight, CompletableFuture<Boolean>> awaitingReceiver = new ConcurrentHashMap<>();

    private final Connections connections;
    private final Presence presence;
    private final PushNotifier push;
    private final NodeChannel nodes;
    private final MessageWriter writer;
    private final MessageRepository repository;
    private final BlockingJdbc jdbc;
    private final IdentityKeys keys;
    private final ChatProperties.Messages config;
    private final Counter accepted;
    private final Counter dropped;
    private final Counter delivered;
    private final Counter fastPathHits;
    private final Counter deferred;

    public MessageRouter(Connections connections, MessageWriter writer, MessageRepository repository, BlockingJdbc jdbc,
                         IdentityKeys keys, Presence presence, NodeChannel nodes, PushNotifier push,
                         ChatProperties properties, MeterRegistry meters) {
        this.connections = connections;
        this.push = push;
        this.presence = presence;
        this.nodes = nodes;
        nodes.handlers(this::storedForLocalReceiver, connections::closeReplaced);
        this.writer = writer;
        this.repository = repository;
        this.jdbc = jdbc;
        this.keys = keys;
        this.config = properties.messages();
        this.accepted = Counter.builder("parley.chat.messages").tag("outcome", "accepted").register(meters);
        this.dropped = Counter.builder("parley.chat.messages").tag("outcome", "dropped").register(meters);
        this.delivered = Counter.builder("parley.chat.messages.delivered").register(meters);
        this.deferred = Counter.builder("parley.chat.messages.deferred")
                .description("Messages for a connected receiver that was not keeping up, left to its queue reader")
                .register(meters);
        this.fastPathHits = Counter.builder("parley.chat.messages.fast-path")
                .description("Messages acknowledged by an online receiver before any database write").register(meters);
    }

    /**
     * Routes the message: the outer Mono completes once it has been handed to the receiver or
     * queued for storage, so a caller that routes its messages one after another keeps their
     * order; the inner Mono completes when the sender may be acknowledged.
     */
    public Mono<Mono<Void>> submit(MessageStruct message) {
        return keys.find(message.receiver()).map(receiver -> {
            if (receiver.isEmpty() || receiver.get().revoked()) {
                dropped.increment();
                return Mono.<Void>empty();
            }
            List<CspConnection> online = connections.receivers(message.receiver());
            boolean noQueuing = message.hasFlag(MessageFlags.NO_SERVER_QUEUING);
            boolean noAck = message.hasFlag(MessageFlags.NO_ACK);
            if (noQueuing || (noAck && !online.isEmpty())) {
                // Nothing will ever be acknowledged or retried: hand it over if possible, never
                // store it. A connection that does not keep up is as good as offline for these.
                List<CspConnection> taking = online.stream().filter(CspConnection::keepsUp).toList();
                taking.forEach(c -> deliver(c, message));
                (taking.isEmpty() ? dropped : accepted).increment();
                return Mono.<Void>empty();
            }
            if (online.size() == 1 && online.get(0).cspDeviceId().isEmpty() && online.get(0).keepsUp()) {
                return fastPath(online.get(0), message);
            }
            return store(message, online);
        });
    }

    /**
     * The receiver is connected here with its only device (an identity without multi-device has
     * one connection in the whole cluster): hand the message over and acknowledge the sender when
     * the receiver acknowledges, with no database write at all. If the receiver's ack does not come
     * within {@link #FAST_PATH_WAIT}, the message is stored after all; either way the sender is
     * acknowledged only once the message is safe.
     */
    private Mono<Void> fastPath(CspConnection receiver, MessageStruct message) {
        InFlight key = new InFlight(message.receiver(), message.sender(), message.messageId());
        CompletableFuture<Boolean> receiverAck = new CompletableFuture<>();
        if (awaitingReceiver.putIfAbsent(key, receiverAck) != null) {
            // The same message is already on its way (a resend): take the safe path.
            return store(message, List.of());
        }
        deliver(receiver, message);
        return Mono.fromFuture(receiverAck)
                .timeout(FAST_PATH_WAIT, Mono.just(false))
                .flatMap(acked -> {
                    if (acked) {
                        accepted.increment();
                        fastPathHits.increment();
                        return Mono.empty();
                    }
                    awaitingReceiver.remove(key, receiverAck);
                    return store(message, List.of());
                });
    }

    /** Queues the message for storage at once (so the queue keeps the routing order); completes when committed. */
    private Mono<Void> store(MessageStruct message, List<CspConnection> online) {
        Instant expires = Instant.now().plus(message.hasFlag(MessageFlags.SHORT_LIVED_QUEUING)
                ? config.shortLivedTtl() : config.ttl());
        NewMessage row = new NewMessage(message.receiver().toString(), message.sender().toString(),
                message.messageId(), message.hasFlag(MessageFlags.NO_ACK), expires, message.encode());
        return writer.store(row).doOnSuccess(stored -> {
            accepted.increment();
            for (CspConnection c : online) {
                if (c.keepsUp()) {
                    deliver(c, message);
                } else {
                    // Backlogged: the queue reader sends it when the client has caught up.
                    deferred.increment();
                    readQueue(c).subscribe(null, e -> { });
                }
            }
        }).then(notifyOtherNodes(message, online.isEmpty() && message.hasFlag(MessageFlags.SEND_PUSH)));
    }

    /**
     * Tells the nodes holding other connections of the receiver that its queue grew; when it is
     * connected nowhere and the sender asked for a push (0x01), wakes its devices about this
     * message. Push runs on its own and never delays or fails the send.
     */
    private Mono<Void> notifyOtherNodes(MessageStruct message, boolean pushIfOffline) {
        ThreemaId receiver = message.receiver();
        return presence.otherNodes(receiver)
                .flatMap(others -> {
                    if (others.isEmpty() && pushIfOffline) {
                        push.wake(receiver, PushedMessage.of(message)).subscribe();
                    }
                    return Flux.fromIterable(others).flatMap(node -> nodes.deliver(node, receiver)).then();
                })
                .onErrorResume(e -> Mono.empty());
    }

    /** Another node stored messages for an identity connected here: send what is new in its queue. */
    void storedForLocalReceiver(ThreemaId receiver) {
        for (CspConnection connection : connections.receivers(receiver)) {
            readQueue(connection).subscribe(null, e -> { });
        }
    }

    /** The receiver acknowledged a message: its sender gets the ack (fast path), or it leaves the queue. */
    public Mono<Void> acknowledged(CspConnection receiver, MessageAck ack) {
        CompletableFuture<Boolean> waiting = awaitingReceiver.remove(
                new InFlight(receiver.identity(), ack.identity(), ack.messageId()));
        if (waiting != null) {
            waiting.complete(true);
            return Mono.empty();
        }
        return jdbc.call(client -> repository.delete(client, receiver.identity().toString(), ack.identity().toString(),
                ack.messageId())).then();
    }

    /**
     * Sends the connection everything queued for it, oldest first, then queue-send-complete.
     * Messages that arrive meanwhile go out directly and may also come from the queue; they carry
     * the same ID, and clients drop the repeat.
     */
    public Mono<Void> deliverQueue(CspConnection connection) {
        return readQueue(connection)
                .then(Mono.fromRunnable(() -> connection.send(CspPayloadType.QUEUE_SEND_COMPLETE, new byte[0])));
    }

    /** Sends what the queue holds beyond what the connection was sent, one reader per connection at a time. */
    private Mono<Void> readQueue(CspConnection connection) {
        if (!connection.startReading()) {
            return Mono.empty();
        }
        return Mono.defer(() -> page(connection, connection.deliveredSeq()))
                .repeat(connection::stopReading)
                .then()
                .doOnError(e -> connection.stopReading());
    }

    /** One page of the queue, read once the connection keeps up with what it was already sent. */
    private Mono<Void> page(CspConnection connection, long afterSeq) {
        String receiver = connection.identity().toString();
        return connection.whenKeepingUp()
                .then(jdbc.call(client -> repository.queued(client, receiver, afterSeq, config.deliveryBatch())))
                .flatMap(batch -> {
                    if (batch.isEmpty() || !connection.receivesMessages()) {
                        return Mono.empty();
                    }
                    for (QueuedMessage queued : batch) {
                        deliver(connection, MessageStruct.decode(queued.payload()));
                    }
                    List<QueuedMessage> sentWithoutAck = batch.stream().filter(QueuedMessage::noAck).toList();
                    Mono<Void> cleanup = sentWithoutAck.isEmpty() ? Mono.empty() : jdbc.call(client -> {
                        sentWithoutAck.forEach(q -> repository.delete(client, receiver, q.sender(), q.messageId()));
                        return 0;
                    }).then();
                    long last = batch.get(batch.size() - 1).seq();
                    connection.delivered(last);
                    return cleanup.then(batch.size() < config.deliveryBatch() ? Mono.empty() : page(connection, last));
                });
    }

    private void deliver(CspConnection connection, MessageStruct message) {
        connection.send(CspPayloadType.INCOMING_MESSAGE, message.encode(connection.payloadFormat()));
        delivered.increment();
    }
}
