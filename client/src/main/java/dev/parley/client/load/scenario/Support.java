package dev.parley.client.load.scenario;

import dev.parley.client.load.LoadIdentity;
import dev.parley.client.load.LoadSettings;
import dev.parley.client.load.csp.CspLoadClient;
import dev.parley.client.load.csp.CspSession;
import dev.parley.common.csp.extension.ClientInfoExtension;
import dev.parley.common.csp.extension.CspDeviceIdExtension;
import dev.parley.common.csp.extension.LoginExtensions;
import dev.parley.common.csp.extension.MessagePayloadVersionExtension;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Pieces the scenarios share. */
final class Support {

    /** What the generator says it is: an Android-like client, legacy payload format. */
    static final String CLIENT_INFO = "5.7;A;en/CH;parley-load;14";

    private Support() {
    }

    static LoginExtensions extensions(long cspDeviceId) {
        return cspDeviceId == 0
                ? LoginExtensions.of(new ClientInfoExtension(CLIENT_INFO), new MessagePayloadVersionExtension(0x03))
                : LoginExtensions.of(new ClientInfoExtension(CLIENT_INFO), new MessagePayloadVersionExtension(0x03),
                        new CspDeviceIdExtension(cspDeviceId));
    }

    static CspLoadClient cspClient(LoadSettings settings, int connections) throws IOException {
        if (settings.chatKey == null) {
            throw new IllegalArgumentException("the chat server's public key is needed: --chat-key HEX "
                    + "(or --standalone-data DIR)");
        }
        List<java.net.InetAddress> sources = settings.sourceAddresses;
        if (sources == null) {
            sources = CspLoadClient.sourceAddresses("auto", settings.chat, connections);
        }
        return new CspLoadClient(settings.chat, settings.chatKey, settings.eventLoops, sources, settings.timeout);
    }

    /** Counts logins of a set-up phase down and keeps the first failure. */
    static final class LoginWait {

        private final CountDownLatch latch;
        private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final AtomicInteger failed = new AtomicInteger();

        LoginWait(int count) {
            latch = new CountDownLatch(count);
        }

        void ok() {
            latch.countDown();
        }

        void failed(LoadIdentity identity, String reason) {
            if (failed.incrementAndGet() <= 3) {
                failures.add(identity + ": " + reason);
            }
            latch.countDown();
        }

        void await(String what, long seconds) throws IOException, InterruptedException {
            if (!latch.await(seconds, TimeUnit.SECONDS)) {
                throw new IOException(what + ": " + latch.getCount() + " connections did not log in within "
                        + seconds + " s");
            }
            if (failed.get() > 0) {
                throw new IOException(what + ": " + failed.get() + " logins failed, e.g. " + failures);
            }
        }
    }

    /** Closes sessions, quietly. */
    static void closeAll(Iterable<CspSession> sessions) {
        for (CspSession s : sessions) {
            if (s != null) {
                s.close();
            }
        }
    }

    static ExecutorService httpWorkers(int threads, String name) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && (cause.getMessage() == null || cause instanceof java.util.concurrent.CompletionException)) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
