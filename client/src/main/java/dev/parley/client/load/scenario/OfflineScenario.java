package dev.parley.client.load.scenario;

import dev.parley.client.load.Identities;
import dev.parley.client.load.LoadIdentity;
import dev.parley.client.load.LoadSettings;
import dev.parley.client.load.csp.CspLoadClient;
import dev.parley.client.load.csp.CspSession;
import dev.parley.client.load.engine.Metrics;
import dev.parley.client.load.engine.Op;
import dev.parley.client.load.engine.Scenario;
import dev.parley.client.load.engine.Timer;
import dev.parley.common.codec.LittleEndian;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.csp.payload.CspPayloadType;
import dev.parley.common.csp.payload.MessageStruct;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Store then deliver. Load phase: {@code connections} logged-in senders write to as many
 * receivers that are offline; an operation ({@code offline}) is done at the server's ack, which
 * comes only once the message is committed. Then the receivers log in (at most 64 logging in at
 * once) and drain their queues up to queue-send-complete, acking every message:
 * {@code offline.deliver} records each delivered message with the time since its receiver's
 * login started, so its rate is the delivery rate; a message acked in the load phase and never
 * delivered counts as an error there.
 */
public final class OfflineScenario implements Scenario {

    private final LoadSettings settings;
    private final Identities identities;
    private final long runPrefix = (CryptoRandom.bytes(2)[0] & 0xffL) << 56 | (System.nanoTime() & 0xffL) << 48;
    private final byte[] messageBox;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private CspLoadClient csp;
    private Sender[] senders;
    private List<LoadIdentity> receivers;
    private Timer store;
    private Timer deliver;
    private double drainSeconds;
    private final List<ScheduledFuture<?>> sweepers = new ArrayList<>();

    public OfflineScenario(LoadSettings settings, Identities identities) {
        this.settings = settings;
        this.identities = identities;
        this.messageBox = CryptoRandom.bytes(Math.max(MessageStruct.MAC_LENGTH, settings.messageSize));
    }

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public void setUp(Metrics metrics) throws Exception {
        store = metrics.timer("offline");
        deliver = metrics.timer("offline.deliver");
        int count = Math.max(1, settings.connections);
        List<LoadIdentity> ids = identities.reserve(2 * count);
        receivers = ids.subList(count, 2 * count);
        csp = Support.cspClient(settings, count);
        senders = new Sender[count];
        Support.LoginWait logins = new Support.LoginWait(count);
        for (int i = 0; i < count; i++) {
            senders[i] = new Sender(receivers.get(i), logins);
            senders[i].session = csp.connect(ids.get(i), Support.extensions(0), senders[i]);
        }
        logins.await("offline senders", 60 + count / 100);
        long sweep = Math.max(50, Math.min(500, settings.timeout.toMillis() / 4));
        for (Sender sender : senders) {
            sweepers.add(sender.session.eventLoop().scheduleAtFixedRate(sender::sweep, sweep, sweep,
                    TimeUnit.MILLISECONDS));
        }
    }

    @Override
    public void start(Op op) {
        Sender sender = senders[(int) (op.sequence() % senders.length)];
        sender.session.execute(() -> sender.send(op));
    }

    private static final ThreadLocal<byte[]> STRUCT = ThreadLocal.withInitial(() -> new byte[8192]);

    private final class Sender implements CspSession.Listener {

        final LoadIdentity to;
        final Support.LoginWait logins;
        final byte[] nonce = CryptoRandom.bytes(MessageStruct.NONCE_LENGTH);
        final LinkedHashMap<Long, Op> pending = new LinkedHashMap<>();
        CspSession session;
        long nextId;
        String dead;

        Sender(LoadIdentity to, Support.LoginWait logins) {
            this.to = to;
            this.logins = logins;
        }

        void send(Op op) {
            if (dead != null) {
                op.failed(store, dead);
                return;
            }
            long id = runPrefix | (++nextId & 0xffff_ffff_ffffL);
            byte[] b = STRUCT.get();
            System.arraycopy(session.identity().idBytes(), 0, b, 0, 8);
            System.arraycopy(to.idBytes(), 0, b, 8, 8);
            LittleEndian.putU64(b, 16, id);
            LittleEndian.putU32(b, 24, System.currentTimeMillis() / 1000);
            java.util.Arrays.fill(b, 28, 64, (byte) 0);
            System.arraycopy(nonce, 0, b, 64, 24);
            System.arraycopy(messageBox, 0, b, 88, messageBox.length);
            pending.put(id, op);
            session.write(CspPayloadType.OUTGOING_MESSAGE.code(), b, 0, 88 + messageBox.length);
            session.flushSoon();
        }

        @Override
        public void loggedIn(CspSession session) {
            logins.ok();
        }

        @Override
        public void loginFailed(CspSession session, String reason) {
            logins.failed(session.identity(), reason);
        }

        @Override
        public void received(CspSession session, int type, byte[] buffer, int offset, int length) {
            if (type == CspPayloadType.OUTGOING_MESSAGE_ACK.code()) {
                Op op = pending.remove(LittleEndian.u64(buffer, offset + 8));
                if (op != null && op.succeeded(store)) {
                    stored.incrementAndGet();
                }
            } else if (type == CspPayloadType.INCOMING_MESSAGE.code()) {
                byte[] ack = new byte[16];
                System.arraycopy(buffer, offset, ack, 0, 8);
                System.arraycopy(buffer, offset + 16, ack, 8, 8);
                session.write(CspPayloadType.INCOMING_MESSAGE_ACK.code(), ack, 0, 16);
            } else if (type == CspPayloadType.ECHO_REQUEST.code()) {
                session.write(CspPayloadType.ECHO_RESPONSE.code(), buffer, offset, length);
            }
        }

        @Override
        public void closed(CspSession session, String reason) {
            dead = reason;
            pending.values().forEach(op -> op.failed(store, reason));
            pending.clear();
        }

        void sweep() {
            long limit = System.nanoTime() - settings.timeout.toNanos();
            for (Iterator<Op> it = pending.values().iterator(); it.hasNext(); ) {
                Op op = it.next();
                if (op.startedNanos() > limit) {
                    break;
                }
                it.remove();
                op.failed(store, "timeout: no server ack");
            }
        }
    }

    /** The receivers log in and drain their queues. */
    @Override
    public void afterLoad() throws Exception {
        sweepers.forEach(s -> s.cancel(false));
        for (Sender sender : senders) {
            sender.session.close();
        }
        Semaphore loggingIn = new Semaphore(64);
        CountDownLatch done = new CountDownLatch(receivers.size());
        List<CspSession> sessions = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + Math.max(60_000_000_000L, 6 * settings.timeout.toNanos());
        for (LoadIdentity receiver : receivers) {
            if (!loggingIn.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            long loginStart = System.nanoTime();
            sessions.add(csp.connect(receiver, Support.extensions(0), new CspSession.Listener() {
                boolean finished;

                @Override
                public void loggedIn(CspSession session) {
                    loggingIn.release();
                }

                @Override
                public void loginFailed(CspSession session, String reason) {
                    loggingIn.release();
                    deliver.error("receiver login failed: " + reason);
                    finish();
                }

                @Override
                public void received(CspSession session, int type, byte[] buffer, int offset, int length) {
                    if (type == CspPayloadType.INCOMING_MESSAGE.code()) {
                        byte[] ack = new byte[16];
                        System.arraycopy(buffer, offset, ack, 0, 8);
                        System.arraycopy(buffer, offset + 16, ack, 8, 8);
                        session.write(CspPayloadType.INCOMING_MESSAGE_ACK.code(), ack, 0, 16);
                        long id = LittleEndian.u64(buffer, offset + 16);
                        if ((id & 0xffff_0000_0000_0000L) == runPrefix) {
                            delivered.incrementAndGet();
                            deliver.record(System.nanoTime() - loginStart);
                        } else {
                            stale.incrementAndGet();
                        }
                    } else if (type == CspPayloadType.QUEUE_SEND_COMPLETE.code()) {
                        session.flushSoon();
                        // Give the acks a moment on the wire before closing.
                        session.eventLoop().schedule(session::close, 200, TimeUnit.MILLISECONDS);
                        finish();
                    }
                }

                @Override
                public void closed(CspSession session, String reason) {
                    if (!finished) {
                        deliver.error("receiver closed before queue-send-complete: " + reason);
                    }
                    finish();
                }

                private void finish() {
                    if (!finished) {
                        finished = true;
                        done.countDown();
                    }
                }
            }));
        }
        done.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        drainSeconds = (System.nanoTime() - start) / 1e9;
        long missing = stored.get() - delivered.get();
        for (long i = 0; i < Math.min(missing, 1_000_000); i++) {
            deliver.error("stored but not delivered");
        }
        Thread.sleep(300);
        Support.closeAll(sessions);
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("senders", senders.length);
        details.put("receivers", receivers.size());
        details.put("stored", stored.get());
        details.put("delivered", delivered.get());
        details.put("staleFromEarlierRuns", stale.get());
        details.put("drainSeconds", Math.round(drainSeconds * 1000) / 1000.0);
        details.put("deliveredPerSecond", drainSeconds > 0 ? Math.round(delivered.get() / drainSeconds) : 0);
        return details;
    }

    @Override
    public void close() {
        sweepers.forEach(s -> s.cancel(false));
        if (senders != null) {
            for (Sender sender : senders) {
                if (sender != null && sender.session != null) {
                    sender.session.close();
                }
            }
        }
        if (csp != null) {
            csp.close();
        }
    }
}
