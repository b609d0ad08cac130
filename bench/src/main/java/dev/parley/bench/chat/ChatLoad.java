package dev.parley.bench.chat;

import dev.parley.client.csp.CspClient;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.X25519;
import dev.parley.common.csp.extension.ClientInfoExtension;
import dev.parley.common.csp.extension.LoginExtensions;
import dev.parley.common.csp.extension.MessagePayloadVersionExtension;
import dev.parley.common.csp.frame.CspContainer;
import dev.parley.common.csp.payload.CspPayloadType;
import dev.parley.common.csp.payload.MessageAck;
import dev.parley.common.csp.payload.MessageStruct;
import dev.parley.common.encoding.Hex;
import dev.parley.common.identity.ThreemaId;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a running chat gateway: {@code logins} (full handshake and vouch, back to back, next to
 * the X25519 rate of this JVM measured in the same run), {@code messages} (online pairs, each
 * sender keeping a window of unacknowledged messages, receivers acking, latency from send to
 * delivery) and {@code idle} (opens connections and holds them, for the server's heap per
 * connection). Identities are created through the directory's admin API.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.parley.bench.chat.ChatLoad \
 *   SCENARIO CSP_HOST:PORT SERVER_PUBLIC_KEY_HEX ADMIN_URL ADMIN_SECRET [threads|pairs|connections] [seconds]
 * </pre>
 */
public final class ChatLoad {

    private static final LoginExtensions ANDROID = LoginExtensions.of(
            new ClientInfoExtension("5.7;A;de/CH;bench;14"), new MessagePayloadVersionExtension(0x03));
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private record Identity(ThreemaId id, X25519.KeyPair keys) {
    }

    private final InetSocketAddress csp;
    private final byte[] serverKey;
    private final String adminUrl;
    private final String adminSecret;
    private final HttpClient http = HttpClient.newHttpClient();

    private ChatLoad(InetSocketAddress csp, byte[] serverKey, String adminUrl, String adminSecret) {
        this.csp = csp;
        this.serverKey = serverKey;
        this.adminUrl = adminUrl;
        this.adminSecret = adminSecret;
    }

    public static void main(String[] args) throws Exception {
        String[] hostPort = args[1].split(":");
        ChatLoad load = new ChatLoad(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])),
                Hex.decode(args[2]), args[3], args[4]);
        int n = args.length > 5 ? Integer.parseInt(args[5]) : 4;
        int seconds = args.length > 6 ? Integer.parseInt(args[6]) : 20;
        switch (args[0]) {
            case "logins" -> load.logins(n, seconds);
            case "messages" -> load.messages(n, seconds);
            case "idle" -> load.idle(n, seconds);
            case "offline" -> load.offline(n, seconds);
            default -> throw new IllegalArgumentException("scenario: logins | messages | idle");
        }
        System.exit(0);
    }

    private Identity identity() throws Exception {
        X25519.KeyPair keys = X25519.generateKeyPair();
        String body = "{\"publicKey\":\"" + Base64.getEncoder().encodeToString(keys.publicKey()) + "\"}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(adminUrl + "admin/v1/identities"))
                .header("Authorization", "Bearer " + adminSecret).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = Pattern.compile("\"identity\"\\s*:\\s*\"([A-Z0-9]{8})\"").matcher(response.body());
        if (response.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("identity not created: " + response.statusCode() + " " + response.body());
        }
        return new Identity(ThreemaId.of(id.group(1)), keys);
    }

    private CspClient login(Identity identity) throws Exception {
        return CspClient.connect(csp, serverKey, identity.id(), identity.keys(), ANDROID, TIMEOUT);
    }

    /** X25519 scalar multiplications per second on one thread of this JVM, for the login baseline. */
    private static double x25519PerSecond() {
        X25519.KeyPair a = X25519.generateKeyPair();
        X25519.KeyPair b = X25519.generateKeyPair();
        for (int i = 0; i < 2000; i++) {
            X25519.beforenm(a.secretKey(), b.publicKey());
        }
        long start = System.nanoTime();
        int count = 0;
        while (System.nanoTime() - start < 3_000_000_000L) {
            X25519.beforenm(a.secretKey(), b.publicKey());
            count++;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private void logins(int threads, int seconds) throws Exception {
        double dh = x25519PerSecond();
        List<Identity> identities = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            identities.add(identity());
        }
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> workers = new ArrayList<>();
        for (Identity identity : identities) {
            Thread t = new Thread(() -> {
                while (running.get()) {
                    try (CspClient client = login(identity)) {
                        done.incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
            t.start();
            workers.add(t);
        }
        Thread.sleep(5000);
        long before = done.get();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long count = done.get() - before;
        double elapsed = (System.nanoTime() - start) / 1e9;
        running.set(false);
        for (Thread t : workers) {
            t.join();
        }
        double rate = count / elapsed;
        // Per login the server computes 4 X25519 operations (temporary key pair, SS(SK, TCK), SS(TSK, TCK) and the
        // vouch's SS(TSK, CK); SS(SK, CK) is cached per client key); the client on the same two cores computes 5.
        System.out.printf("logins/s %.0f failed %d | X25519 ops/s (one core) %.0f | 9 DH per login on 2 cores allow %.0f logins/s -> %.0f %%%n",
                rate, failed.get(), dh, 2 * dh / 9, 100 * rate / (2 * dh / 9));
    }

    private void messages(int pairs, int seconds) throws Exception {
        int window = 64;
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong delivered = new AtomicLong();
        AtomicLong acked = new AtomicLong();
        long[] latencies = new long[4_000_000];
        AtomicLong samples = new AtomicLong();
        Map<Long, Long> sentAt = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        List<CspClient> clients = new ArrayList<>();
        AtomicLong ids = new AtomicLong();
        for (int p = 0; p < pairs; p++) {
            Identity from = identity();
            Identity to = identity();
            CspClient sender = login(from);
            CspClient receiver = login(to);
            clients.add(sender);
            clients.add(receiver);
            receiver.receive(CspPayloadType.QUEUE_SEND_COMPLETE, TIMEOUT);
            sender.receive(CspPayloadType.QUEUE_SEND_COMPLETE, TIMEOUT);
            Semaphore credits = new Semaphore(window);
            threads.add(new Thread(() -> {
                byte[] nonce = CryptoRandom.bytes(24);
                byte[] box = CryptoRandom.bytes(80);
                byte[] nick = MessageStruct.padNickname("bench");
                try {
                    while (running.get()) {
                        if (!credits.tryAcquire(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                            continue;
                        }
                        long id = ids.incrementAndGet();
                        sentAt.put(id, System.nanoTime());
                        sender.sendMessage(new MessageStruct(from.id(), to.id(), id, System.currentTimeMillis() / 1000, 0,
                                nick, new byte[0], nonce, box));
                    }
                } catch (Exception e) {
                    System.err.println("sender failed: " + e + " close-error " + sender.closeError());
                    running.set(false);
                }
            }));
            threads.add(new Thread(() -> {
                try {
                    while (running.get()) {
                        CspContainer c = sender.receive(Duration.ofMillis(200));
                        if (c != null && c.type() == CspPayloadType.OUTGOING_MESSAGE_ACK.code()) {
                            MessageAck.decode(c.data());
                            acked.incrementAndGet();
                            credits.release();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (java.io.IOException e) {
                    System.err.println("sender closed: " + e);
                    running.set(false);
                }
            }));
            threads.add(new Thread(() -> {
                try {
                    while (running.get()) {
                        CspContainer c = receiver.receive(Duration.ofMillis(200));
                        if (c != null && c.type() == CspPayloadType.INCOMING_MESSAGE.code()) {
                            MessageStruct m = receiver.decodeMessage(c);
                            Long at = sentAt.remove(m.messageId());
                            if (at != null) {
                                long i = samples.getAndIncrement();
                                if (i < latencies.length) {
                                    latencies[(int) i] = System.nanoTime() - at;
                                }
                            }
                            delivered.incrementAndGet();
                            receiver.ackIncoming(m);
                        }
                    }
                } catch (Exception e) {
                    System.err.println("receiver failed: " + e);
                    running.set(false);
                }
            }));
        }
        threads.forEach(Thread::start);
        Thread.sleep(5000);
        long before = delivered.get();
        samples.set(0);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long count = delivered.get() - before;
        double elapsed = (System.nanoTime() - start) / 1e9;
        int n = (int) Math.min(samples.get(), latencies.length);
        running.set(false);
        for (Thread t : threads) {
            t.join(5000);
        }
        for (CspClient c : clients) {
            c.close();
        }
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        System.out.printf("pairs %d window %d | delivered msgs/s %.0f (sender acks %d) | latency p50 %.2f ms p99 %.2f ms%n",
                pairs, window, count / elapsed, acked.get(), n == 0 ? 0 : sorted[n / 2] / 1e6,
                n == 0 ? 0 : sorted[(int) (n * 0.99)] / 1e6);
    }

    /**
     * Store-then-deliver: senders send to receivers that are offline (every message is committed to
     * PostgreSQL before its ack), then the receivers log in and drain their queues.
     */
    private void offline(int pairs, int seconds) throws Exception {
        int window = 64;
        List<Identity> receivers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<CspClient> senders = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong acked = new AtomicLong();
        AtomicLong ids = new AtomicLong(System.nanoTime());
        for (int p = 0; p < pairs; p++) {
            Identity from = identity();
            Identity to = identity();
            receivers.add(to);
            CspClient sender = login(from);
            senders.add(sender);
            Semaphore credits = new Semaphore(window);
            threads.add(new Thread(() -> {
                byte[] nonce = CryptoRandom.bytes(24);
                byte[] box = CryptoRandom.bytes(80);
                byte[] nick = MessageStruct.padNickname("bench");
                try {
                    while (running.get()) {
                        if (credits.tryAcquire(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                            sender.sendMessage(new MessageStruct(from.id(), to.id(), ids.incrementAndGet(),
                                    System.currentTimeMillis() / 1000, 0, nick, new byte[0], nonce, box));
                        }
                    }
                } catch (Exception e) {
                    System.err.println("sender failed: " + e);
                }
            }));
            threads.add(new Thread(() -> {
                try {
                    while (running.get()) {
                        CspContainer c = sender.receive(Duration.ofMillis(200));
                        if (c != null && c.type() == CspPayloadType.OUTGOING_MESSAGE_ACK.code()) {
                            acked.incrementAndGet();
                            credits.release();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (java.io.IOException e) {
                    System.err.println("sender closed: " + e);
                    running.set(false);
                }
            }));
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        Thread.sleep(seconds * 1000L);
        running.set(false);
        for (Thread t : threads) {
            t.join(5000);
        }
        double storeSeconds = (System.nanoTime() - start) / 1e9;
        long stored = acked.get();
        for (CspClient c : senders) {
            c.close();
        }
        AtomicLong drained = new AtomicLong();
        List<Thread> drainers = new ArrayList<>();
        long drainStart = System.nanoTime();
        for (Identity to : receivers) {
            Thread t = new Thread(() -> {
                try (CspClient receiver = login(to)) {
                    for (CspContainer c; (c = receiver.receive(Duration.ofSeconds(10))) != null
                            && c.type() != CspPayloadType.QUEUE_SEND_COMPLETE.code(); ) {
                        if (c.type() == CspPayloadType.INCOMING_MESSAGE.code()) {
                            receiver.ackIncoming(receiver.decodeMessage(c));
                            drained.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    System.err.println("receiver failed: " + e);
                }
            });
            t.start();
            drainers.add(t);
        }
        for (Thread t : drainers) {
            t.join();
        }
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        System.out.printf("pairs %d | stored and acked msgs/s %.0f (%d) | drained on login msgs/s %.0f (%d)%n",
                pairs, stored / storeSeconds, stored, drained.get() / drainSeconds, drained.get());
    }

    private void idle(int connections, int seconds) throws Exception {
        List<CspClient> clients = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            clients.add(login(identity()));
        }
        System.out.printf("idle connections open: %d; holding %d s%n", clients.size(), seconds);
        Thread.sleep(seconds * 1000L);
        for (CspClient c : clients) {
            c.close();
        }
    }
}
