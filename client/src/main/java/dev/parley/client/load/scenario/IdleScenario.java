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
import dev.parley.common.csp.payload.CspPayloadType;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Idle authenticated connections: the run's operations are the {@code connections} logins
 * (paced by the rate or concurrency, so the ramp is under control); each connection then stays
 * open, answering echo requests and sending one of its own every {@code keepalive} so the
 * server's idle timeout does not end it, until the run's duration is over. With fewer identities
 * than connections, each identity logs in as several CSP devices.
 */
public final class IdleScenario implements Scenario {

    private final LoadSettings settings;
    private final Identities identities;
    private final PrintWriter out;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger closedByServer = new AtomicInteger();
    private final ConcurrentLinkedQueue<CspSession> sessions = new ConcurrentLinkedQueue<>();
    private volatile boolean closing;
    private volatile boolean announced;
    private List<LoadIdentity> ids;
    private CspLoadClient csp;
    private Timer logins;
    private int openAtEnd = -1;

    public IdleScenario(LoadSettings settings, Identities identities, PrintWriter out) {
        this.settings = settings;
        this.identities = identities;
        this.out = out;
    }

    @Override
    public String name() {
        return "idle";
    }

    @Override
    public void setUp(Metrics metrics) throws Exception {
        logins = metrics.timer("idle");
        ids = identities.reserve(settings.identities > 0 ? Math.min(settings.identities, settings.connections)
                : settings.connections);
        csp = Support.cspClient(settings, settings.connections);
    }

    @Override
    public long maxOperations() {
        return settings.connections;
    }

    @Override
    public void start(Op op) {
        int i = (int) op.sequence();
        LoadIdentity identity = ids.get(i % ids.size());
        long device = settings.connections > ids.size() ? i / ids.size() + 1 : 0;
        sessions.add(csp.connect(identity, Support.extensions(device), new Connection(op)));
    }

    private final class Connection implements CspSession.Listener {

        private final Op op;
        private ScheduledFuture<?> keepalive;

        Connection(Op op) {
            this.op = op;
        }

        @Override
        public void loggedIn(CspSession session) {
            int now = open.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            op.succeeded(logins);
            long period = settings.keepalive.toMillis();
            keepalive = session.eventLoop().scheduleAtFixedRate(() -> {
                session.write(CspPayloadType.ECHO_REQUEST.code(), new byte[8], 0, 8);
                session.flushSoon();
            }, ThreadLocalRandom.current().nextLong(period), period, TimeUnit.MILLISECONDS);
            if (now == settings.connections && !announced) {
                announced = true;
                out.printf("idle: %d connections open%n", now);
                out.flush();
            }
        }

        @Override
        public void loginFailed(CspSession session, String reason) {
            op.failed(logins, reason);
        }

        @Override
        public void received(CspSession session, int type, byte[] buffer, int offset, int length) {
            if (type == CspPayloadType.ECHO_REQUEST.code()) {
                session.write(CspPayloadType.ECHO_RESPONSE.code(), buffer, offset, length);
            }
        }

        @Override
        public void closed(CspSession session, String reason) {
            open.decrementAndGet();
            if (keepalive != null) {
                keepalive.cancel(false);
            }
            if (!closing) {
                closedByServer.incrementAndGet();
                logins.error("idle connection closed: " + reason);
            }
        }
    }

    @Override
    public void afterLoad() {
        openAtEnd = open.get();
    }

    @Override
    public String progress() {
        return "open " + open.get() + "/" + settings.connections;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("connectionsTarget", settings.connections);
        details.put("openAtEnd", openAtEnd >= 0 ? openAtEnd : open.get());
        details.put("peakOpen", peak.get());
        details.put("closedByServer", closedByServer.get());
        details.put("identities", ids == null ? 0 : ids.size());
        details.put("eventLoops", csp == null ? 0 : csp.eventLoops());
        return details;
    }

    @Override
    public void close() {
        closing = true;
        Support.closeAll(sessions);
        if (csp != null) {
            csp.close();
        }
    }
}
