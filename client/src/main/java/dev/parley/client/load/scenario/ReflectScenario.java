package dev.parley.client.load.scenario;

import com.google.protobuf.ByteString;
import dev.parley.client.d2m.D2mClient;
import dev.parley.client.d2m.DeviceOptions;
import dev.parley.client.load.LoadSettings;
import dev.parley.client.load.engine.Metrics;
import dev.parley.client.load.engine.Op;
import dev.parley.client.load.engine.Scenario;
import dev.parley.client.load.engine.Timer;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.DeviceGroupKeys;
import dev.parley.common.d2d.proto.Envelope;
import dev.parley.common.d2m.D2mContainer;
import dev.parley.common.d2m.D2mPayloadType;
import dev.parley.common.d2m.ReflectAck;
import dev.parley.common.d2m.Reflected;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mediator reflection: {@code connections / devices} device groups of {@code devices} devices
 * each (SDK {@link D2mClient}s; the mediator needs no identities). An operation reflects one
 * envelope from a group's first device and is done when the mediator's reflect-ack is back and
 * every other device of the group has received the reflection (and acked it). Stages
 * {@code reflect.ack} and {@code reflect.delivery} (each device's receipt).
 *
 * <p>The SDK client is blocking, so each device has a receiving thread and each group a sending
 * thread: fine for the hundreds of devices a reflection test needs, not for idle-connection counts.
 */
public final class ReflectScenario implements Scenario {

    private final LoadSettings settings;
    private final AtomicLong tokens = new AtomicLong();
    private final List<Group> groups = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final byte[] body = new byte[100];
    private ScheduledExecutorService sweeper;
    private volatile boolean closing;
    private Timer reflect;
    private Timer ack;
    private Timer delivery;

    public ReflectScenario(LoadSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "reflect";
    }

    @Override
    public void setUp(Metrics metrics) throws Exception {
        reflect = metrics.timer("reflect");
        ack = metrics.timer("reflect.ack");
        delivery = metrics.timer("reflect.delivery");
        int devices = Math.max(2, settings.devices);
        int count = Math.max(1, settings.connections / devices);
        Duration wait = settings.timeout.plusSeconds(5);
        for (int g = 0; g < count; g++) {
            Group group = new Group(DeviceGroupKeys.derive(CryptoRandom.bytes(32)));
            groups.add(group);
            for (int d = 0; d < devices; d++) {
                long deviceId = ByteBuffer.wrap(CryptoRandom.bytes(8)).getLong() & Long.MAX_VALUE;
                D2mClient device = D2mClient.connect(settings.mediator, group.keys, "0", deviceId,
                        DeviceOptions.newDevice("load " + d), wait);
                group.devices.add(device);
            }
        }
        for (Group group : groups) {
            for (int d = 0; d < group.devices.size(); d++) {
                D2mClient device = group.devices.get(d);
                boolean sender = d == 0;
                Thread t = new Thread(() -> group.receive(device, sender), "load-d2m-" + device.deviceId());
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "load-d2m-sweep");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleAtFixedRate(() -> groups.forEach(Group::sweep), 250, 250, TimeUnit.MILLISECONDS);
    }

    @Override
    public void start(Op op) {
        Group group = groups.get((int) (op.sequence() % groups.size()));
        group.sending.execute(() -> group.send(op));
    }

    private static final class Pending {
        final Op op;
        final AtomicInteger remaining;

        Pending(Op op, int parts) {
            this.op = op;
            this.remaining = new AtomicInteger(parts);
        }
    }

    private final class Group {

        final DeviceGroupKeys keys;
        final List<D2mClient> devices = new ArrayList<>();
        final ExecutorService sending = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "load-d2m-send");
            t.setDaemon(true);
            return t;
        });
        final Map<Long, Pending> pending = new ConcurrentHashMap<>();
        final Map<Long, Long> tokenByReflectId = new ConcurrentHashMap<>();
        long reflectIds;

        Group(DeviceGroupKeys keys) {
            this.keys = keys;
        }

        /** On the group's sending thread, so the SDK's reflect IDs follow {@link #reflectIds}. */
        void send(Op op) {
            long token = tokens.incrementAndGet();
            Pending p = new Pending(op, devices.size());
            pending.put(token, p);
            long expectedId = ++reflectIds & 0xffff_ffffL;
            tokenByReflectId.put(expectedId, token);
            try {
                byte[] stamp = ByteBuffer.allocate(8).putLong(token).array();
                devices.get(0).reflect(Envelope.newBuilder().setPadding(ByteString.copyFrom(stamp))
                        .setOutgoingMessage(ByteString.copyFrom(body)).build(), false);
            } catch (Exception e) {
                pending.remove(token);
                tokenByReflectId.remove(expectedId);
                op.failed(reflect, Support.reason(e));
            }
        }

        void receive(D2mClient device, boolean sender) {
            while (!closing) {
                D2mContainer c;
                try {
                    c = device.receive(Duration.ofMillis(200));
                } catch (InterruptedException e) {
                    return;
                }
                if (c == null) {
                    if (device.isClosed()) {
                        if (!closing) {
                            reflect.error("device connection closed by the mediator");
                        }
                        return;
                    }
                    continue;
                }
                try {
                    if (sender && c.type() == D2mPayloadType.REFLECT_ACK.code()) {
                        Long token = tokenByReflectId.remove(ReflectAck.decode(c.payload()).reflectId());
                        Pending p = token == null ? null : pending.get(token);
                        if (p != null) {
                            ack.record(System.nanoTime() - p.op.intendedNanos());
                            part(token, p);
                        }
                    } else if (c.type() == D2mPayloadType.REFLECTED.code()) {
                        Reflected got = Reflected.decode(c.payload());
                        if (!got.ephemeral()) {
                            device.ackReflected(got);
                        }
                        byte[] padding = device.open(got).getPadding().toByteArray();
                        if (padding.length == 8) {
                            long token = ByteBuffer.wrap(padding).getLong();
                            Pending p = pending.get(token);
                            if (p != null) {
                                delivery.record(System.nanoTime() - p.op.intendedNanos());
                                part(token, p);
                            }
                        }
                    }
                } catch (Exception e) {
                    reflect.error("device: " + Support.reason(e));
                }
            }
        }

        private void part(long token, Pending p) {
            if (p.remaining.decrementAndGet() == 0) {
                pending.remove(token);
                p.op.succeeded(reflect);
            }
        }

        void sweep() {
            long limit = System.nanoTime() - settings.timeout.toNanos();
            for (Iterator<Map.Entry<Long, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                Pending p = it.next().getValue();
                if (p.op.startedNanos() < limit) {
                    it.remove();
                    p.op.failed(reflect, "timeout: " + p.remaining.get() + " of " + devices.size()
                            + " acks and deliveries missing");
                }
            }
        }
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("groups", groups.size());
        details.put("devicesPerGroup", groups.isEmpty() ? 0 : groups.get(0).devices.size());
        return details;
    }

    @Override
    public void close() throws Exception {
        closing = true;
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        for (Group group : groups) {
            group.sending.shutdownNow();
            for (D2mClient device : group.devices) {
                try {
                    device.close();
                } catch (RuntimeException e) {
                    // Closing anyway.
                }
            }
        }
        for (Thread t : threads) {
            t.join(1000);
        }
    }
}
