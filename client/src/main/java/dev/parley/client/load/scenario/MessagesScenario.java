package dev.parley.client.load.scenario;

import dev.parley.client.load.Identities;
import dev.parley.client.load.LoadIdentity;
import dev.parley.client.load.LoadSettings;
import dev.parley.client.load.csp.CspLoadClient;
import dev.parley.client.load.csp.CspSession;
import dev.parley.client.load.csp.LoopInbox;
import dev.parley.client.load.engine.Metrics;
import dev.parley.client.load.engine.Op;
import dev.parley.client.load.engine.Scenario;
import dev.parley.client.load.engine.Timer;
import dev.parley.common.codec.LittleEndian;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.csp.payload.CspPayloadType;
import dev.parley.common.csp.payload.MessageStruct;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Online pairs exchanging messages: {@code connections / 2} pairs of logged-in identities, both
 * connections of a pair on one event loop. Operation {@code n} goes over pair {@code n mod P},
 * alternating direction; it is done when the sender has the server's ack (0x81) <em>and</em> the
 * recipient has the message (0x02), which the recipient acks (0x82) at once. Stages:
 * {@code messages.ack} (send to server ack) and {@code messages.delivery} (send to receipt).
 */
public final class MessagesScenario implements Scenario {

    static final int FIRST = 0;
    static final int SECOND = 1;

    private final LoadSettings settings;
    private final Identities identities;
    /** Distinguishes this run's message IDs from queued ones of earlier runs (top 16 bits). */
    private final long runPrefix = (CryptoRandom.bytes(2)[0] & 0xffL) << 56 | (System.nanoTime() & 0xffL) << 48;
    private final byte[] messageBox;
    private CspLoadClient csp;
    private Pair[] pairs;
    /** One inbox per event loop; pair {@code i} is on loop {@code i mod loops}. */
    private LoopInbox<Op>[] inboxes;
    private Timer operation;
    private Timer ack;
    private Timer delivery;
    private final List<ScheduledFuture<?>> sweepers = new ArrayList<>();

    public MessagesScenario(LoadSettings settings, Identities identities) {
        this.settings = settings;
        this.identities = identities;
        this.messageBox = CryptoRandom.bytes(Math.max(MessageStruct.MAC_LENGTH, settings.messageSize));
    }

    @Override
    public String name() {
        return "messages";
    }

    @Override
    public void setUp(Metrics metrics) throws Exception {
        operation = metrics.timer("messages");
        ack = metrics.timer("messages.ack");
        delivery = metrics.timer("messages.delivery");
        int count = Math.max(1, settings.connections / 2);
        List<LoadIdentity> ids = identities.reserve(2 * count);
        csp = Support.cspClient(settings, 2 * count);
        pairs = new Pair[count];
        Support.LoginWait logins = new Support.LoginWait(2 * count);
        CountDownLatch queuesDrained = new CountDownLatch(2 * count);
        for (int i = 0; i < count; i++) {
            EventLoop loop = csp.loop(i);
            Pair pair = new Pair(loop, logins, queuesDrained);
            pairs[i] = pair;
            pair.sessions[FIRST] = csp.connect(loop, ids.get(2 * i), Support.extensions(0), pair);
            pair.sessions[SECOND] = csp.connect(loop, ids.get(2 * i + 1), Support.extensions(0), pair);
        }
        logins.await("messages", 60 + count / 100);
        // What earlier runs left queued for these identities arrives (and is acked) before the load.
        queuesDrained.await(30, TimeUnit.SECONDS);
        @SuppressWarnings("unchecked")
        LoopInbox<Op>[] boxes = new LoopInbox[Math.min(count, csp.eventLoops())];
        for (int i = 0; i < boxes.length; i++) {
            boxes[i] = new LoopInbox<>(csp.loop(i), this::send);
        }
        inboxes = boxes;
        long sweep = Math.max(50, Math.min(500, settings.timeout.toMillis() / 4));
        for (Pair pair : pairs) {
            sweepers.add(pair.loop.scheduleAtFixedRate(pair::sweep, sweep, sweep, TimeUnit.MILLISECONDS));
        }
    }

    @Override
    public void start(Op op) {
        int pair = (int) (op.sequence() % pairs.length);
        inboxes[pair % inboxes.length].submit(op);
    }

    /** On the pair's event loop. */
    private void send(Op op) {
        long n = op.sequence();
        pairs[(int) (n % pairs.length)].send(op, (int) ((n / pairs.length) & 1));
    }

    @Override
    public String progress() {
        int open = 0;
        for (Pair pair : pairs) {
            open += (pair.sessions[0].isOpen() ? 1 : 0) + (pair.sessions[1].isOpen() ? 1 : 0);
        }
        return "connections " + open;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("pairs", pairs.length, "connections", 2 * pairs.length, "messageBoxBytes", messageBox.length,
                "eventLoops", csp.eventLoops(), "transport", csp.transport());
    }

    @Override
    public void close() {
        sweepers.forEach(s -> s.cancel(false));
        if (pairs != null) {
            for (Pair pair : pairs) {
                if (pair != null) {
                    Support.closeAll(List.of(pair.sessions));
                }
            }
        }
        if (csp != null) {
            csp.close();
        }
    }

    private static final ThreadLocal<byte[]> STRUCT = ThreadLocal.withInitial(() -> new byte[8192]);
    private static final ThreadLocal<byte[]> ACK = ThreadLocal.withInitial(() -> new byte[16]);

    /** A message under way: done when both the server's ack and the delivery are in. */
    private static final class Pending {
        final Op op;
        boolean acked;
        boolean delivered;

        Pending(Op op) {
            this.op = op;
        }
    }

    /** Two connections on one event loop; all its state is touched on that loop only. */
    private final class Pair implements CspSession.Listener {

        final EventLoop loop;
        final CspSession[] sessions = new CspSession[2];
        final Support.LoginWait logins;
        final CountDownLatch queuesDrained;
        final byte[] nonce = CryptoRandom.bytes(MessageStruct.NONCE_LENGTH);
        /** By message ID, in the order sent (so the oldest is first for the timeout sweep). */
        final LinkedHashMap<Long, Pending> pending = new LinkedHashMap<>();
        long nextId;
        String dead;

        Pair(EventLoop loop, Support.LoginWait logins, CountDownLatch queuesDrained) {
            this.loop = loop;
            this.logins = logins;
            this.queuesDrained = queuesDrained;
        }

        void send(Op op, int from) {
            if (dead != null) {
                op.failed(operation, dead);
                return;
            }
            CspSession sender = sessions[from];
            CspSession receiver = sessions[1 - from];
            long id = runPrefix | (++nextId & 0xffff_ffff_ffffL);
            byte[] b = STRUCT.get();
            System.arraycopy(sender.identity().idBytes(), 0, b, 0, 8);
            System.arraycopy(receiver.identity().idBytes(), 0, b, 8, 8);
            LittleEndian.putU64(b, 16, id);
            LittleEndian.putU32(b, 24, System.currentTimeMillis() / 1000);
            b[28] = 0;
            b[29] = 0;
            b[30] = 0;
            b[31] = 0;
            java.util.Arrays.fill(b, 32, 64, (byte) 0);
            b[32] = 'l';
            b[33] = 'o';
            b[34] = 'a';
            b[35] = 'd';
            System.arraycopy(nonce, 0, b, 64, 24);
            System.arraycopy(messageBox, 0, b, 88, messageBox.length);
            pending.put(id, new Pending(op));
            sender.write(CspPayloadType.OUTGOING_MESSAGE.code(), b, 0, 88 + messageBox.length);
            sender.flushSoon();
        }

        @Override
        public void loggedIn(CspSession session) {
            logins.ok();
        }

        @Override
        public void loginFailed(CspSession session, String reason) {
            logins.failed(session.identity(), reason);
            queuesDrained.countDown();
        }

        @Override
        public void received(CspSession session, int type, byte[] buffer, int offset, int length) {
            if (type == CspPayloadType.OUTGOING_MESSAGE_ACK.code()) {
                long id = LittleEndian.u64(buffer, offset + 8);
                Pending p = pending.get(id);
                if (p != null && !p.acked) {
                    p.acked = true;
                    ack.record(System.nanoTime() - p.op.intendedNanos());
                    if (p.delivered) {
                        pending.remove(id);
                        p.op.succeeded(operation);
                    }
                }
            } else if (type == CspPayloadType.INCOMING_MESSAGE.code()) {
                byte[] a = ACK.get();
                System.arraycopy(buffer, offset, a, 0, 8);
                System.arraycopy(buffer, offset + 16, a, 8, 8);
                long id = LittleEndian.u64(buffer, offset + 16);
                session.write(CspPayloadType.INCOMING_MESSAGE_ACK.code(), a, 0, 16);
                Pending p = pending.get(id);
                if (p != null && !p.delivered) {
                    p.delivered = true;
                    delivery.record(System.nanoTime() - p.op.intendedNanos());
                    if (p.acked) {
                        pending.remove(id);
                        p.op.succeeded(operation);
                    }
                }
            } else if (type == CspPayloadType.QUEUE_SEND_COMPLETE.code()) {
                queuesDrained.countDown();
            } else if (type == CspPayloadType.ECHO_REQUEST.code()) {
                session.write(CspPayloadType.ECHO_RESPONSE.code(), buffer, offset, length);
            }
        }

        @Override
        public void closed(CspSession session, String reason) {
            dead = reason;
            failAll(reason);
        }

        void failAll(String reason) {
            for (Pending p : pending.values()) {
                p.op.failed(operation, reason);
            }
            pending.clear();
        }

        void sweep() {
            long limit = System.nanoTime() - settings.timeout.toNanos();
            for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
                Pending p = it.next();
                if (p.op.startedNanos() > limit) {
                    break;
                }
                it.remove();
                p.op.failed(operation, p.acked ? "timeout: not delivered" : p.delivered ? "timeout: no server ack"
                        : "timeout: neither ack nor delivery");
            }
        }
    }
}
