package dev.parley.chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.csp.Connections;
import dev.parley.chat.e2e.ChatPlatform.Identity;
import dev.parley.chat.presence.Presence;
import dev.parley.client.cli.Parley;
import dev.parley.client.cli.StateFile;
import dev.parley.client.csp.CspClient;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.X25519;
import dev.parley.common.csp.extension.ClientInfoExtension;
import dev.parley.common.csp.extension.CspDeviceIdExtension;
import dev.parley.common.csp.extension.LoginExtensions;
import dev.parley.common.csp.extension.MessagePayloadVersionExtension;
import dev.parley.common.csp.frame.CspContainer;
import dev.parley.common.csp.handshake.ClientHello;
import dev.parley.common.csp.handshake.ServerHello;
import dev.parley.common.csp.payload.CspPayloadType;
import dev.parley.common.encoding.Hex;
import dev.parley.common.identity.ThreemaId;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Operator alerts through {@code POST /internal/v1/alert} on the management port of two nodes
 * sharing PostgreSQL and Redis, received by SDK clients (and {@code parley receive}) over real
 * sockets.
 */
class AlertApiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(500);
    private static final String AUTH = "Bearer " + ChatPlatform.SECRET;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LoginExtensions ANDROID = LoginExtensions.of(
            new ClientInfoExtension("5.7;A;de/CH;Pixel 8;14"), new MessagePayloadVersionExtension(0x03));

    private static ChatPlatform platform;
    private static ConfigurableApplicationContext one;
    private static ConfigurableApplicationContext two;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        platform = new ChatPlatform(AlertApiTest.class);
        one = platform.startGateway();
        two = platform.startGateway();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static HttpResponse<String> alert(ConfigurableApplicationContext node, String authorization, String body)
            throws Exception {
        return platform.post(ChatPlatform.managementPort(node), "/internal/v1/alert", authorization, body);
    }

    private static String body(String message, ThreemaId identity) {
        return JSON.writeValueAsString(identity == null
                ? Map.of("message", message)
                : Map.of("message", message, "identity", identity.toString()));
    }

    private static JsonNode accepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body());
    }

    private static CspClient loggedIn(ConfigurableApplicationContext node, Identity identity, LoginExtensions extensions)
            throws Exception {
        CspClient client = platform.login(platform.cspAddress(node), identity, extensions);
        assertThat(client.receive(CspPayloadType.QUEUE_SEND_COMPLETE, WAIT)).isNotNull();
        return client;
    }

    private static String alertText(CspClient client) throws Exception {
        CspContainer received = client.receive(CspPayloadType.ALERT, WAIT);
        assertThat(received).as("an alert arrives").isNotNull();
        return CspClient.alert(received).orElseThrow().message();
    }

    private static double count(ConfigurableApplicationContext node, String name, String... tags) {
        var search = node.getBean(MeterRegistry.class).find(name).tags(tags);
        return search.counter() == null ? 0 : search.counter().count();
    }

    /** An echo is answered only once the connection is registered, so its answer says it is. */
    private static void registered(CspClient client) throws Exception {
        client.send(CspPayloadType.ECHO_REQUEST, new byte[12]);
        assertThat(client.receive(CspPayloadType.ECHO_RESPONSE, WAIT)).isNotNull();
    }

    /** Presence is recorded just after the login; the other node learns of it through Redis. */
    private static void awaitPresenceSeenFrom(ConfigurableApplicationContext node, ThreemaId identity)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (node.getBean(Presence.class).otherNodes(identity).block().isEmpty()) {
            assertThat(System.nanoTime()).as("presence of " + identity + " recorded").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void aLoggedInClientGetsTheText() throws Exception {
        Identity alice = platform.createIdentity();
        double accepted = count(one, "parley.chat.alerts", "scope", "identity");
        double written = count(one, "parley.chat.alerts.written");
        try (CspClient a = loggedIn(one, alice, ANDROID)) {
            String text = "Wartung heute um 22:00 UTC – etwa 10 Minuten ✓";
            JsonNode outcome = accepted(alert(one, AUTH, body(text, alice.id())));
            assertThat(outcome.get("delivered").asInt()).isEqualTo(1);
            assertThat(outcome.get("connections").asInt()).isEqualTo(1);
            assertThat(outcome.get("nodes").asInt()).isZero();
            assertThat(alertText(a)).isEqualTo(text);
        }
        assertThat(count(one, "parley.chat.alerts", "scope", "identity")).isEqualTo(accepted + 1);
        assertThat(count(one, "parley.chat.alerts.written")).isEqualTo(written + 1);
    }

    @Test
    void everyDeviceOfTheIdentityGetsIt() throws Exception {
        Identity carol = platform.createIdentity();
        LoginExtensions first = LoginExtensions.of(new MessagePayloadVersionExtension(0x01), new CspDeviceIdExtension(1));
        LoginExtensions second = LoginExtensions.of(new MessagePayloadVersionExtension(0x01), new CspDeviceIdExtension(2));
        // Multi-device connections get no queue before 0x03; an alert is not a message and needs none.
        try (CspClient c1 = platform.login(platform.cspAddress(one), carol, first);
             CspClient c2 = platform.login(platform.cspAddress(one), carol, second)) {
            registered(c1);
            registered(c2);
            JsonNode outcome = accepted(alert(one, AUTH, body("two devices", carol.id())));
            assertThat(outcome.get("connections").asInt()).isEqualTo(2);
            assertThat(alertText(c1)).isEqualTo("two devices");
            assertThat(alertText(c2)).isEqualTo("two devices");
        }
    }

    @Test
    void anAlertForAnIdentityOnTheOtherNodeArrivesThere() throws Exception {
        Identity bob = platform.createIdentity();
        double writtenThere = count(two, "parley.chat.alerts.written");
        try (CspClient b = loggedIn(two, bob, ANDROID)) {
            awaitPresenceSeenFrom(one, bob.id());
            JsonNode outcome = accepted(alert(one, AUTH, body("for bob, via the other node", bob.id())));
            assertThat(outcome.get("connections").asInt()).isZero();
            assertThat(outcome.get("nodes").asInt()).isEqualTo(1);
            assertThat(outcome.get("delivered").asInt()).isEqualTo(1);
            assertThat(alertText(b)).isEqualTo("for bob, via the other node");
        }
        assertThat(count(two, "parley.chat.alerts.written")).isEqualTo(writtenThere + 1);
    }

    @Test
    void aBroadcastReachesBothNodesButNoClientStillInItsHandshake() throws Exception {
        Identity dave = platform.createIdentity();
        Identity erin = platform.createIdentity();
        try (CspClient d = loggedIn(one, dave, ANDROID);
             CspClient e = loggedIn(two, erin, ANDROID);
             Socket handshaking = new Socket(platform.cspAddress(one).getAddress(), platform.cspAddress(one).getPort())) {
            handshaking.getOutputStream().write(new ClientHello(X25519.generateKeyPair().publicKey(),
                    CryptoRandom.bytes(ClientHello.COOKIE_LENGTH)).encode());
            InputStream in = handshaking.getInputStream();
            handshaking.setSoTimeout((int) WAIT.toMillis());
            assertThat(in.readNBytes(ServerHello.LENGTH)).hasSize(ServerHello.LENGTH);

            JsonNode outcome = accepted(alert(one, AUTH, body("Everyone: maintenance at 22:00", null)));
            assertThat(outcome.get("connections").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(outcome.get("nodes").asInt()).isEqualTo(1);
            assertThat(alertText(d)).isEqualTo("Everyone: maintenance at 22:00");
            assertThat(alertText(e)).isEqualTo("Everyone: maintenance at 22:00");

            // The handshake deadline is 2 s: read well within it.
            handshaking.setSoTimeout((int) QUIET.toMillis());
            int next;
            try {
                next = in.read();
            } catch (SocketTimeoutException quiet) {
                next = -1;
            }
            assertThat(next).as("nothing after the server-hello").isEqualTo(-1);
        }
    }

    @Test
    void anOfflineIdentityGetsNothing() throws Exception {
        Identity frank = platform.createIdentity();
        JsonNode outcome = accepted(alert(one, AUTH, body("nobody is listening", frank.id())));
        assertThat(outcome.get("delivered").asInt()).isZero();
        assertThat(accepted(alert(two, AUTH, body("unknown", ThreemaId.of("ZZZZZZZZ")))).get("delivered").asInt())
                .isZero();
    }

    @Test
    void theBearerSecretIsRequired() throws Exception {
        Identity gina = platform.createIdentity();
        try (CspClient g = loggedIn(one, gina, ANDROID)) {
            String body = body("not from the operator", gina.id());
            for (String authorization : new String[] {null, "Bearer " + ChatPlatform.SECRET.substring(1),
                    AUTH + "x", "Basic " + ChatPlatform.SECRET, "Bearer", ""}) {
                HttpResponse<String> refused = alert(one, authorization, body);
                assertThat(refused.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
                assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
                assertThat(JSON.readTree(refused.body()).get("error").asString()).isNotEmpty();
            }
            assertThat(g.receive(CspPayloadType.ALERT, QUIET)).isNull();
        }
    }

    @Test
    void malformedRequestsAreRefusedWithAJsonErrorAndSendNothing() throws Exception {
        Identity hank = platform.createIdentity();
        String id = hank.id().toString();
        try (CspClient h = loggedIn(one, hank, ANDROID)) {
            String[] bad = {
                "not json", "", "[\"message\"]", "\"message\"", "{}", "{\"identity\":\"" + id + "\"}",
                "{\"message\":null,\"identity\":\"" + id + "\"}",
                "{\"message\":\"\",\"identity\":\"" + id + "\"}",
                "{\"message\":\"  \\n \",\"identity\":\"" + id + "\"}",
                "{\"message\":42,\"identity\":\"" + id + "\"}",
                "{\"message\":\"" + "a".repeat(4097) + "\",\"identity\":\"" + id + "\"}",
                // 1366 euro signs are 4098 bytes of UTF-8 in 1366 characters.
                "{\"message\":\"" + "€".repeat(1366) + "\",\"identity\":\"" + id + "\"}",
                "{\"message\":\"\\ud800 alone\",\"identity\":\"" + id + "\"}",
                "{\"message\":\"hi\",\"identity\":\"" + id.toLowerCase() + "\"}",
                "{\"message\":\"hi\",\"identity\":\"ABC\"}",
                "{\"message\":\"hi\",\"identity\":12345678}",
            };
            for (String body : bad) {
                HttpResponse<String> refused = alert(one, AUTH, body);
                String shown = body.length() > 60 ? body.substring(0, 60) + "…" : body;
                assertThat(refused.statusCode()).as(shown).isEqualTo(400);
                assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/json"));
                assertThat(JSON.readTree(refused.body()).get("error").asString()).as(shown).isNotEmpty();
            }
            assertThat(h.receive(CspPayloadType.ALERT, QUIET)).isNull();

            HttpResponse<String> huge = alert(one, AUTH, "{\"message\":\"" + "a".repeat(30_000) + "\"}");
            assertThat(huge.statusCode()).isEqualTo(413);

            // The longest allowed message, 4096 bytes, fits one frame and arrives intact.
            String longest = "€".repeat(1365) + "a";
            assertThat(longest.getBytes(StandardCharsets.UTF_8)).hasSize(4096);
            assertThat(accepted(alert(one, AUTH, body(longest, hank.id()))).get("delivered").asInt()).isEqualTo(1);
            assertThat(alertText(h)).isEqualTo(longest);
        }
    }

    @Test
    void onlyTheManagementPortServesIt() throws Exception {
        HttpResponse<String> onPublic = platform.post(ChatPlatform.publicPort(one), "/internal/v1/alert", AUTH,
                body("public", null));
        assertThat(onPublic.statusCode()).isEqualTo(404);
    }

    @Test
    void parleyReceivePrintsTheAlertOnALineOfItsOwn() throws Exception {
        Identity ivan = platform.createIdentity();
        Path state = dir.resolve("ivan.state");
        Path passphrase = Files.writeString(dir.resolve("pass"), "correct horse");
        StateFile.write(state, "correct horse".toCharArray(), new StateFile.State(ivan.id().toString(), ivan.keys()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Parley.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cli.execute("receive",
                "--state", state.toString(), "--passphrase-file", passphrase.toString(),
                "--chat", "127.0.0.1:" + platform.cspAddress(one).getPort(),
                "--chat-key", Hex.encode(platform.serverPublicKey()), "--wait", "3"), runnable -> {
                    Thread thread = new Thread(runnable, "parley-receive");
                    thread.setDaemon(true);
                    thread.start();
                });
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!one.getBean(Connections.class).identities().contains(ivan.id())) {
            assertThat(System.nanoTime()).as("parley receive logged in; " + err).isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(accepted(alert(one, AUTH, body("Licence expires\nin 3 days", ivan.id()))).get("delivered").asInt())
                .isEqualTo(1);
        assertThat(run.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern(
                "(?m)^\\d{4}-\\S+Z \\[alert from the chat server\\] Licence expires in 3 days$");
    }
}
