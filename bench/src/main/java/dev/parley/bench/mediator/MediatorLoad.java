package dev.parley.bench.mediator;

import com.google.protobuf.ByteString;
import dev.parley.client.d2m.D2mClient;
import dev.parley.client.d2m.DeviceOptions;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.DeviceGroupKeys;
import dev.parley.common.d2d.proto.Envelope;
import dev.parley.common.d2m.D2mContainer;
import dev.parley.common.d2m.D2mPayloadType;
import dev.parley.common.d2m.Reflected;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load driver for the mediator: {@code durable|ephemeral <mediator ws URL> <groups> <seconds>}
 * runs groups of four devices (one sender keeping a window of unacknowledged reflects, three
 * receivers acking what they get) and reports reflects/s, reflected deliveries/s and the
 * latency from reflect to delivery; {@code idle <mediator ws URL> <connections> <seconds>} opens
 * and holds device connections (one group each) so the server's heap can be measured.
 */
public final class MediatorLoad {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int WINDOW = 64;

    private MediatorLoad() {
    }

    public static void main(String[] args) throws Exception {
        URI mediator = URI.create(args[1]);
        int n = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        switch (args[0]) {
            case "durable" -> reflections(mediator, n, seconds, false);
            case "ephemeral" -> reflections(mediator, n, seconds, true);
            case "idle" -> idle(mediator, n, seconds);
            default -> throw new IllegalArgumentException("mode: durable | ephemeral | idle");
        }
        System.exit(0);
    }

    private static void reflections(URI mediator, int groups, int seconds, boolean ephemeral) throws Exception {
        AtomicLong reflects = new AtomicLong();
        // Warm-up and tail included, for the server's CPU per reflect over the whole run.
        AtomicLong allReflects = new AtomicLong();
        AtomicLong delivered = new AtomicLong();
        long[] latencies = new long[4_000_000];
        AtomicLong samples = new AtomicLong();
        // Every group connects before any traffic starts: a device still connecting while earlier
        // groups already run would measure the driver's starvation, not the mediator.
        // The clock starts when the last device is connected: {warm-up end, end}, published by go.
        long[] clock = new long[2];
        List<Thread> threads = new ArrayList<>();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        long device = 1;
        for (int g = 0; g < groups; g++) {
            DeviceGroupKeys group = DeviceGroupKeys.derive(CryptoRandom.bytes(32));
            D2mClient sender = D2mClient.connect(mediator, group, "0", device++, DeviceOptions.newDevice("s"), WAIT);
            Semaphore window = new Semaphore(WINDOW);
            for (int r = 0; r < 3; r++) {
                D2mClient receiver = D2mClient.connect(mediator, group, "0", device++, DeviceOptions.newDevice("r"),
                        WAIT);
                receiver.receive(D2mPayloadType.REFLECTION_QUEUE_DRY, WAIT);
                threads.add(start(() -> {
                    try {
                        go.await();
                        long warmupEnd = clock[0];
                        long end = clock[1];
                        while (System.nanoTime() < end + 2_000_000_000L) {
                            D2mContainer c = receiver.receive(D2mPayloadType.REFLECTED, Duration.ofSeconds(1));
                            if (c == null) {
                                continue;
                            }
                            Reflected got = Reflected.decode(c.payload());
                            long now = System.nanoTime();
                            if (!got.ephemeral()) {
                                receiver.ackReflected(got);
                            } else {
                                window.release();
                            }
                            if (now > warmupEnd && now < end) {
                                delivered.incrementAndGet();
                                long sentAt = ByteBuffer.wrap(receiver.open(got).getPadding().toByteArray()).getLong();
                                long i = samples.getAndIncrement();
                                if (i < latencies.length) {
                                    latencies[(int) i] = now - sentAt;
                                }
                            }
                        }
                    } catch (Exception e) {
                        System.err.println("receiver: " + e);
                    }
                }));
            }
            if (!ephemeral) {
                threads.add(start(() -> {
                    try {
                        go.await();
                        long warmupEnd = clock[0];
                        long end = clock[1];
                        while (System.nanoTime() < end + 2_000_000_000L) {
                            if (sender.receive(D2mPayloadType.REFLECT_ACK, Duration.ofSeconds(1)) != null) {
                                window.release();
                                allReflects.incrementAndGet();
                                if (System.nanoTime() > warmupEnd && System.nanoTime() < end) {
                                    reflects.incrementAndGet();
                                }
                            }
                        }
                    } catch (Exception e) {
                        System.err.println("acks: " + e);
                    }
                }));
            }
            threads.add(start(() -> {
                try {
                    // Ephemeral reflects have no ack: the window is refilled by one of the three
                    // receivers' deliveries per reflect, roughly.
                    int permitsPerReflect = ephemeral ? 3 : 1;
                    go.await();
                    long warmupEnd = clock[0];
                    long end = clock[1];
                    while (System.nanoTime() < end) {
                        window.acquire(permitsPerReflect);
                        byte[] stamp = ByteBuffer.allocate(8).putLong(System.nanoTime()).array();
                        sender.reflect(Envelope.newBuilder().setPadding(ByteString.copyFrom(stamp))
                                .setOutgoingMessage(ByteString.copyFrom(new byte[100])).build(), ephemeral);
                        if (ephemeral) {
                            allReflects.incrementAndGet();
                            if (System.nanoTime() > warmupEnd && System.nanoTime() < end) {
                                reflects.incrementAndGet();
                            }
                        }
                    }
                } catch (Exception e) {
                    System.err.println("sender: " + e);
                }
            }));
        }
        clock[0] = System.nanoTime() + Duration.ofSeconds(Math.min(10, seconds / 3)).toNanos();
        clock[1] = clock[0] + Duration.ofSeconds(seconds).toNanos();
        go.countDown();
        long[] driverCpu = markWindow(clock);
        for (Thread t : threads) {
            t.join();
        }
        int count = (int) Math.min(samples.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        System.out.printf("%s groups %d (4 devices) window %d | reflects/s %.0f | deliveries/s %.0f | "
                        + "latency p50 %.2f ms p99 %.2f ms | measured %d reflects, driver CPU %d ms | whole run %d "
                        + "reflects%n", ephemeral ? "ephemeral" : "durable", groups, WINDOW,
                reflects.get() / (double) seconds, delivered.get() / (double) seconds,
                count == 0 ? 0 : sorted[count / 2] / 1e6, count == 0 ? 0 : sorted[(int) (count * 0.99)] / 1e6,
                reflects.get(), driverCpu[1] - driverCpu[0], allReflects.get());
    }

    /**
     * Prints {@code measuring} when the warm-up ends and {@code measured} when the measured
     * duration does, so that a script can read the server's CPU over exactly that window (without
     * the JIT warming up and the handshakes); returns the driver's own CPU at both moments.
     */
    private static long[] markWindow(long[] clock) throws InterruptedException {
        long[] cpu = new long[2];
        for (int i = 0; i < 2; i++) {
            long wait = clock[i] - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            cpu[i] = processCpuMillis();
            System.out.println(i == 0 ? "measuring" : "measured");
            System.out.flush();
        }
        return cpu;
    }

    /** The driver shares the cores with the node: what it used says how much was left for the node. */
    private static long processCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
    }

    private static Thread start(Runnable body) {
        Thread thread = new Thread(body);
        thread.start();
        return thread;
    }

    private static void idle(URI mediator, int connections, int seconds) throws Exception {
        List<D2mClient> open = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            open.add(D2mClient.connect(mediator, DeviceGroupKeys.derive(CryptoRandom.bytes(32)), "0", i + 1,
                    DeviceOptions.newDevice("idle"), WAIT));
        }
        System.out.println("open " + open.size());
        Thread.sleep(seconds * 1000L);
        open.forEach(D2mClient::close);
    }
}
