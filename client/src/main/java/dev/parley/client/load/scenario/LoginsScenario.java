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
import dev.parley.common.crypto.X25519;
import dev.parley.common.csp.payload.CspPayloadType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CSP logins: each operation opens a connection, runs the handshake and login (vouch checked by
 * the server against the directory's key), and is done at the first frame after the login-ack
 * (queue-send-complete; a close-error there is a refusal); the connection is then closed. Identities are used round robin. The report puts the rate next to the X25519 bound:
 * the server computes four X25519 operations per login, so one of its cores allows at most
 * (X25519 operations per second on one core) / 4 logins per second; the rate measured here is
 * this JVM's, on this machine, in the set-up.
 */
public final class LoginsScenario implements Scenario {

    /** X25519 scalar multiplications the server computes per login (its permanent half of the vouch is cached). */
    public static final int SERVER_DH_PER_LOGIN = 4;

    private final LoadSettings settings;
    private final Identities identities;
    private List<LoadIdentity> ids;
    private CspLoadClient csp;
    private Timer logins;
    private Timer ack;
    private double x25519PerSecond;

    public LoginsScenario(LoadSettings settings, Identities identities) {
        this.settings = settings;
        this.identities = identities;
    }

    @Override
    public String name() {
        return "logins";
    }

    @Override
    public void setUp(Metrics metrics) throws Exception {
        logins = metrics.timer("logins");
        ack = metrics.timer("logins.ack");
        ids = identities.reserve(settings.identitiesOr(100));
        csp = Support.cspClient(settings, settings.connections);
        if (settings.dhBaseline) {
            x25519PerSecond = x25519PerSecond(2_000_000_000L);
        }
        // Warm the vouch's cached half so the first second is not different from the rest.
        ids.forEach(id -> id.permanentShared(settings.chatKey));
    }

    /** X25519 operations per second on the calling thread, measured for {@code nanos}. */
    public static double x25519PerSecond(long nanos) {
        X25519.KeyPair a = X25519.generateKeyPair();
        X25519.KeyPair b = X25519.generateKeyPair();
        for (int i = 0; i < 500; i++) {
            X25519.beforenm(a.secretKey(), b.publicKey());
        }
        long start = System.nanoTime();
        long count = 0;
        while (System.nanoTime() - start < nanos) {
            X25519.beforenm(a.secretKey(), b.publicKey());
            count++;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Done at the first frame after the login-ack: the server refuses an identity with a
     * close-error there, and otherwise (no CSP device ID, so messages flow at once) delivers the
     * queue and says queue-send-complete, which is where an app's login ends too. The login-ack
     * alone is the stage {@code logins.ack}.
     */
    @Override
    public void start(Op op) {
        LoadIdentity identity = ids.get((int) (op.sequence() % ids.size()));
        csp.connect(identity, Support.extensions(0), new CspSession.Listener() {
            @Override
            public void loggedIn(CspSession session) {
                ack.record(System.nanoTime() - op.intendedNanos());
            }

            @Override
            public void loginFailed(CspSession session, String reason) {
                op.failed(logins, reason);
            }

            @Override
            public void received(CspSession session, int type, byte[] buffer, int offset, int length) {
                if (type == CspPayloadType.CLOSE_ERROR.code()) {
                    return;
                }
                if (type == CspPayloadType.INCOMING_MESSAGE.code()) {
                    // Left over for this identity: ack it so it does not come back.
                    byte[] a = new byte[16];
                    System.arraycopy(buffer, offset, a, 0, 8);
                    System.arraycopy(buffer, offset + 16, a, 8, 8);
                    session.write(CspPayloadType.INCOMING_MESSAGE_ACK.code(), a, 0, 16);
                    session.flushSoon();
                    return;
                }
                if (op.succeeded(logins)) {
                    session.close();
                }
            }

            @Override
            public void closed(CspSession session, String reason) {
                op.failed(logins, reason);
            }
        });
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("identities", ids.size());
        if (x25519PerSecond > 0) {
            double bound = x25519PerSecond / SERVER_DH_PER_LOGIN;
            out.put("x25519PerSecondOneCore", Math.round(x25519PerSecond));
            out.put("serverDhPerLogin", SERVER_DH_PER_LOGIN);
            out.put("dhBoundLoginsPerSecondPerServerCore", Math.round(bound));
            out.put("loginsPercentOfOneCoreDhBound", Math.round(1000 * logins.rate() / bound) / 10.0);
        }
        return out;
    }

    @Override
    public void close() {
        if (csp != null) {
            csp.close();
        }
    }
}
