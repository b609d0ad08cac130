package dev.parley.client.cli;

import dev.parley.client.csp.CspClient;
import dev.parley.client.d2m.D2mClient;
import dev.parley.common.csp.frame.CspContainer;
import dev.parley.common.csp.payload.CspPayloadType;
import dev.parley.common.csp.payload.MessageStruct;
import dev.parley.common.d2d.proto.Envelope;
import dev.parley.common.d2m.D2mContainer;
import dev.parley.common.d2m.D2mPayloadType;
import dev.parley.common.d2m.ReflectAck;
import dev.parley.common.d2m.Reflected;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code parley receive} for a device of a group. First the device's reflection queue: what the
 * other devices received or sent while it was away, each acked once printed. Then, if the
 * mediator makes it the leader, the chat server's queue through the CSP proxy: each incoming
 * message is reflected to the other devices and acked to the chat server only once the mediator
 * confirmed the reflection (§6.4), so no device misses it. One thread polls both, so neither
 * stream's messages are skipped while waiting for the other.
 */
final class GroupReceive {

    private static final Duration POLL = Duration.ofMillis(50);
    /** How long after the queue is dry the mediator has to promote us before we count as a follower. */
    private static final Duration PROMOTION = Duration.ofSeconds(3);

    private final ClientOptions options;
    private final GroupConnection group;
    private final D2mClient d2m;
    private final MessageLines lines;
    private final Duration wait;
    /** Reflect ID to the incoming message whose chat ack waits for the reflect-ack. */
    private final Map<Long, MessageStruct> unconfirmed = new HashMap<>();
    private CspClient chat;
    private Instant dryAt;
    private Instant until;

    GroupReceive(ClientOptions options, GroupConnection group, MessageLines lines, Duration wait) {
        this.options = options;
        this.group = group;
        this.d2m = group.d2m();
        this.lines = lines;
        this.wait = wait;
    }

    int run() throws Exception {
        Instant giveUp = Instant.now().plus(GroupConnection.TIMEOUT.multipliedBy(2));
        try {
            while (true) {
                D2mContainer next = d2m.receive(POLL);
                if (next != null) {
                    onMediator(next);
                } else if (d2m.isClosed()) {
                    Exception closed = GroupConnection.refusal(d2m.awaitCloseCode(Duration.ofMillis(200)),
                            new IOException("the mediator closed the connection"));
                    throw chat == null ? closed : group.chatEnded(chat, closed);
                }
                if (chat != null) {
                    drainChat();
                }
                Instant now = Instant.now();
                if (until == null && dryAt != null && chat == null && now.isAfter(dryAt.plus(PROMOTION))) {
                    // Another device leads: it receives from the chat server; we see its reflections.
                    until = now.plus(wait);
                }
                if (until != null && now.isAfter(until) && unconfirmed.isEmpty()) {
                    return 0;
                }
                if (until == null && now.isAfter(giveUp)) {
                    throw new IOException(dryAt == null ? "the mediator never finished the reflection queue"
                            : "the chat server never finished its queue");
                }
            }
        } finally {
            if (chat != null) {
                chat.close();
            }
        }
    }

    private void onMediator(D2mContainer container) throws Exception {
        D2mPayloadType type = D2mPayloadType.fromCode(container.type()).orElse(null);
        if (type == null) {
            return;
        }
        switch (type) {
            case REFLECTED -> {
                Reflected reflected = Reflected.decode(container.payload());
                print(d2m.open(reflected));
                d2m.ackReflected(reflected);
            }
            case REFLECTION_QUEUE_DRY -> dryAt = Instant.now();
            case ROLE_PROMOTED_TO_LEADER -> {
                chat = group.chat(options);
                try {
                    chat.send(CspPayloadType.UNBLOCK_INCOMING_MESSAGES, new byte[0]);
                } catch (IOException e) {
                    throw group.chatEnded(chat, e);
                }
            }
            case REFLECT_ACK -> {
                MessageStruct confirmed = unconfirmed.remove(ReflectAck.decode(container.payload()).reflectId());
                if (confirmed != null) {
                    chat.ackIncoming(confirmed);
                }
            }
            default -> {
                // Transaction and device events concern devices that sync more than messages.
            }
        }
    }

    private void print(Envelope envelope) {
        if (envelope.hasIncomingMessage()) {
            lines.incoming(MessageStruct.decode(envelope.getIncomingMessage().toByteArray()),
                    " (reflected from device " + String.format("%016x", envelope.getDeviceId()) + ")");
        } else if (envelope.hasOutgoingMessage()) {
            lines.outgoing(MessageStruct.decode(envelope.getOutgoingMessage().toByteArray()),
                    " (sent from device " + String.format("%016x", envelope.getDeviceId()) + ")");
        }
    }

    /** What the chat server sent so far; a close (a refused login among them) ends it with its exception. */
    private void drainChat() throws Exception {
        for (CspContainer c; (c = chat.receive(Duration.ZERO)) != null; ) {
            if (c.type() == CspPayloadType.QUEUE_SEND_COMPLETE.code()) {
                until = Instant.now().plus(wait);
            } else if (c.type() == CspPayloadType.INCOMING_MESSAGE.code()) {
                MessageStruct message = chat.decodeMessage(c);
                lines.incoming(message, "");
                unconfirmed.put(group.reflectIncoming(message), message);
            } else if (c.type() == CspPayloadType.ALERT.code()) {
                lines.alert(c);
            }
        }
    }
}
