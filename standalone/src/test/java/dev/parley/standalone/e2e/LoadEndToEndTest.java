package dev.parley.standalone.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.cli.Parley;
import dev.parley.client.load.LoadIdentity;
import dev.parley.client.load.csp.CspLoadClient;
import dev.parley.client.load.csp.CspSession;
import dev.parley.common.crypto.X25519;
import dev.parley.common.csp.extension.LoginExtensions;
import dev.parley.common.encoding.Hex;
import dev.parley.common.identity.ThreemaId;
import dev.parley.standalone.RunningStandalone;
import dev.parley.standalone.StandaloneLauncher;
import dev.parley.standalone.StandaloneSettings;
import dev.parley.standalone.TestNodes;
import dev.parley.standalone.services.ServiceKind;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code parley load} against the whole standalone node: a short run of each scenario, which
 * must finish with no error, complete operations, and write its three reports.
 */
class LoadEndToEndTest {

    @TempDir
    static Path dir;

    private static RunningStandalone node;
    private static List<String> deployment;

    record Run(int exit, String out, String err, JsonNode report, Path reports) {
    }

    @BeforeAll
    static void start() throws Exception {
        List<String> args = new ArrayList<>(List.of(TestNodes.freePortArguments(dir.resolve("data"))));
        // A load test goes past the per-address throttles of Safe and the blob upload limit.
        args.add("--parley.safe.throttle.enabled=false");
        args.add("--parley.media.rate-limit.enabled=false");
        node = StandaloneLauncher.start(StandaloneSettings.from(args.toArray(String[]::new), Map.of()));
        int adminPort = TestNodes.directoryAdminPort(node);
        Path secret = Files.writeString(dir.resolve("admin-secret"), node.keys().internalApiSecret());
        deployment = List.of("--chat", "127.0.0.1:" + node.cspPort(), "--chat-key", node.keys().chatServerPublicKey(),
                "--directory", "http://127.0.0.1:" + port(ServiceKind.DIRECTORY) + "/",
                "--admin", "http://127.0.0.1:" + adminPort + "/", "--admin-secret-file", secret.toString(),
                "--blob", "http://127.0.0.1:" + port(ServiceKind.MEDIA) + "/",
                "--safe", "http://127.0.0.1:" + port(ServiceKind.SAFE) + "/",
                "--mediator", "ws://127.0.0.1:" + port(ServiceKind.MEDIATOR),
                "--identities-file", dir.resolve("identities.txt").toString(),
                "--no-progress");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static int port(ServiceKind kind) {
        return TestNodes.publicPort(node, kind);
    }

    private static Run load(String scenario, String... options) throws Exception {
        Path reports = dir.resolve("reports-" + scenario);
        List<String> args = new ArrayList<>(List.of("load", scenario, "--duration", "1500ms", "--ramp-up", "300ms",
                "--report-dir", reports.toString()));
        args.addAll(deployment);
        args.addAll(List.of(options));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Parley.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args.toArray(String[]::new));
        JsonNode report = Files.exists(reports.resolve("report.json"))
                ? new ObjectMapper().readTree(Files.readString(reports.resolve("report.json"))) : null;
        return new Run(exit, out.toString(), err.toString(), report, reports);
    }

    /** No errors, work done in the named timer, and the three reports written and readable. */
    private static JsonNode assertClean(Run run, String timer) throws Exception {
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("p99 ms", "reports: ");
        assertThat(run.report()).as("report.json").isNotNull();
        assertThat(run.report().get("totals").get("errors").asLong()).as(run.out()).isZero();
        assertThat(run.report().get("totals").get("operations").asLong()).isPositive();
        JsonNode found = null;
        for (JsonNode t : run.report().get("timers")) {
            if (t.get("name").asString().equals(timer)) {
                found = t;
            }
        }
        assertThat(found).as("timer " + timer).isNotNull();
        assertThat(found.get("count").asLong()).as(run.out()).isPositive();
        assertThat(found.get("timeline").size()).isPositive();
        String html = Files.readString(run.reports().resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n").contains("<svg ", "Latency by percentile")
                .doesNotContain("<script");
        BufferedImage png = ImageIO.read(run.reports().resolve("latency.png").toFile());
        assertThat(png).isNotNull();
        assertThat(png.getWidth()).isEqualTo(1000);
        return found;
    }

    @Test
    void messagesBetweenOnlinePairsWithBothAcks() throws Exception {
        Run run = load("messages", "--rate", "400", "--connections", "10");
        JsonNode messages = assertClean(run, "messages");
        assertThat(messages.get("ratePerSecond").asDouble()).isGreaterThan(200);
        assertClean(run, "messages.delivery");
        assertThat(run.report().get("details").get("pairs").asInt()).isEqualTo(5);
    }

    @Test
    void logins() throws Exception {
        Run run = load("logins", "--concurrency", "4", "--identities", "20");
        assertClean(run, "logins");
        assertThat(run.report().get("details").get("x25519PerSecondOneCore").asLong()).isPositive();
    }

    @Test
    void offlineMessagesAreStoredThenDeliveredOnLogin() throws Exception {
        Run run = load("offline", "--rate", "200", "--connections", "4");
        JsonNode store = assertClean(run, "offline");
        JsonNode details = run.report().get("details");
        assertThat(details.get("stored").asLong()).isPositive().isEqualTo(details.get("delivered").asLong());
        assertThat(store.get("count").asLong()).isLessThanOrEqualTo(details.get("stored").asLong());
        assertClean(run, "offline.deliver");
    }

    @Test
    void idleConnectionsStayOpen() throws Exception {
        Run run = load("idle", "--connections", "60", "--identities", "30", "--rate", "200");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("idle: 60 connections open");
        assertThat(run.report().get("details").get("openAtEnd").asInt()).isEqualTo(60);
        assertThat(run.report().get("totals").get("errors").asLong()).isZero();
    }

    @Test
    void directoryLookups() throws Exception {
        assertClean(load("directory", "--rate", "100", "--identities", "20"), "directory");
    }

    @Test
    void blobUploadAndDownload() throws Exception {
        Run run = load("blob", "--rate", "20", "--blob-size", "16384");
        assertClean(run, "blob");
        assertClean(run, "blob.download");
    }

    @Test
    void safeBackups() throws Exception {
        assertClean(load("safe", "--rate", "40", "--identities", "50"), "safe");
    }

    @Test
    void mediatorReflectionToEveryDeviceOfTheGroup() throws Exception {
        Run run = load("reflect", "--rate", "100", "--connections", "6", "--devices", "3");
        assertClean(run, "reflect");
        assertThat(run.report().get("details").get("groups").asInt()).isEqualTo(2);
    }

    @Test
    void anUnknownIdentityIsRefusedWithTheServersReason() throws Exception {
        java.util.concurrent.CompletableFuture<String> refused = new java.util.concurrent.CompletableFuture<>();
        try (CspLoadClient csp = new CspLoadClient(new java.net.InetSocketAddress("127.0.0.1", node.cspPort()),
                Hex.decode(node.keys().chatServerPublicKey()), 1, List.of(), java.time.Duration.ofSeconds(10))) {
            csp.connect(new LoadIdentity(ThreemaId.of("ZZZZZZZZ"), X25519.generateKeyPair()), LoginExtensions.of(),
                    new CspSession.Listener() {
                        @Override
                        public void loggedIn(CspSession session) {
                            // The refusal follows a regular login-ack as the first frame.
                        }

                        @Override
                        public void loginFailed(CspSession session, String reason) {
                            refused.complete(reason);
                        }

                        @Override
                        public void received(CspSession session, int type, byte[] buffer, int offset, int length) {
                        }

                        @Override
                        public void closed(CspSession session, String reason) {
                            refused.complete(reason);
                        }
                    });
            assertThat(refused.get(15, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("login refused: Unknown identity");
        }
    }

    @Test
    void aMixKeepsEachScenariosTimer() throws Exception {
        Run run = load("mixed", "--rate", "200", "--connections", "6", "--identities", "20",
                "--mix", "messages=60,directory=20,safe=20");
        assertClean(run, "messages");
        assertClean(run, "directory");
        assertClean(run, "safe");
    }
}
