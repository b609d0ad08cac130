package dev.parley.standalone.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.cli.Parley;
import dev.parley.client.cli.StateFile;
import dev.parley.common.encoding.Hex;
import dev.parley.standalone.RunningStandalone;
import dev.parley.standalone.StandaloneLauncher;
import dev.parley.standalone.StandaloneSettings;
import dev.parley.standalone.TestNodes;
import dev.parley.standalone.e2e.ParleyCli.Output;
import dev.parley.standalone.services.ServiceKind;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Multi-device, revocation and provisioning through the {@code parley} command line on the whole
 * standalone node: a second device is linked through the rendezvous relay by two commands
 * running at the same time, sees through the mediator what the first device received and sent,
 * and is dropped; a revoked identity is shut out; a provisioning document is trusted only with
 * the right key.
 */
class DeviceCliEndToEndTest {

    private static final Pattern LINKED = Pattern.compile("linked ([A-Z0-9]{8}) as device ([0-9a-f]{16})");
    private static final Pattern PATH_HASH = Pattern.compile("path hash ([0-9a-f]{64})");

    @TempDir
    static Path dir;

    private static RunningStandalone node;
    private static List<String> deployment;

    @BeforeAll
    static void start() throws Exception {
        node = StandaloneLauncher.start(StandaloneSettings.from(TestNodes.freePortArguments(dir.resolve("data")), Map.of()));
        String mediator = "ws://127.0.0.1:" + port(ServiceKind.MEDIATOR) + "/";
        deployment = List.of("--directory", "http://127.0.0.1:" + port(ServiceKind.DIRECTORY) + "/",
                "--chat", "127.0.0.1:" + node.cspPort(), "--chat-key", node.keys().chatServerPublicKey(),
                "--mediator", mediator, "--rendezvous", mediator);
        Files.writeString(dir.resolve("pass"), "a long passphrase");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static int port(ServiceKind kind) {
        return TestNodes.publicPort(node, kind);
    }

    private static Run parley(Output output, String... args) {
        return ParleyCli.parley(output, args);
    }

    private static Run parley(String... args) {
        return ParleyCli.parley(args);
    }

    private static String[] user(String state, String command, String... rest) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(deployment);
        args.addAll(List.of("--state", dir.resolve(state + ".state").toString(),
                "--passphrase-file", dir.resolve("pass").toString()));
        args.addAll(List.of(rest));
        return args.toArray(String[]::new);
    }

    /** A user command with the deployment, the state file and the passphrase file. */
    private static Run as(String state, String command, String... rest) {
        return parley(user(state, command, rest));
    }

    /**
     * A command that blocks until another one runs. It gets a thread of its own: the common pool
     * has one worker on two cores, and other asynchronous work in this JVM waits for it.
     */
    private static CompletableFuture<Run> inBackground(Output output, String state, String command, String... rest) {
        return CompletableFuture.supplyAsync(() -> parley(output, user(state, command, rest)), ParleyCli::ownThread);
    }

    private static String group(Pattern pattern, String text, int group) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(group);
    }

    @Test
    void aLinkedDeviceSeesWhatTheFirstReceivedAndSentUntilItIsDropped() throws Exception {
        Run created = as("alice-phone", "identity create");
        assertThat(created.exit()).as(created.err()).isZero();
        String alice = created.out().strip();
        String bob = as("bob", "identity create").out().strip();

        // The new device opens the rendezvous and waits; the phone reads its code and hands over.
        Output desktopOut = new Output();
        CompletableFuture<Run> join = inBackground(desktopOut, "alice-desktop", "device join", "--label", "desktop");
        String code = desktopOut.awaitLine("parley-link:", Duration.ofSeconds(20)).orElseThrow(
                () -> new AssertionError("no link code: " + desktopOut.out()));
        Run link = as("alice-phone", "device link", code, "--label", "phone");
        assertThat(link.exit()).as(link.err()).isZero();
        Run joined = join.get(30, TimeUnit.SECONDS);
        assertThat(joined.exit()).as(joined.err()).isZero();
        assertThat(group(LINKED, joined.out(), 1)).isEqualTo(alice);
        String desktopId = group(LINKED, joined.out(), 2);
        assertThat(group(PATH_HASH, joined.out(), 1)).as("both devices show the same path hash")
                .isEqualTo(group(PATH_HASH, link.out(), 1));
        assertThat(link.err()).contains("multi-device on");
        String phoneId = group(Pattern.compile("this is device ([0-9a-f]{16})"), link.err(), 1);
        assertThat(as("alice-desktop", "identity create").exit()).as("the linked state is never overwritten")
                .isEqualTo(Parley.STATE);

        Run listed = as("alice-phone", "device list");
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out().lines()).hasSize(2);
        assertThat(listed.out()).contains(phoneId, desktopId, "phone", "desktop", "(this device)");

        // Bob writes to Alice; the phone receives it through the mediator and reflects it.
        assertThat(as("bob", "send", "--to", alice, "hi", "Alice").exit()).isZero();
        Run phoneInbox = as("alice-phone", "receive");
        assertThat(phoneInbox.exit()).as(phoneInbox.err()).isZero();
        assertThat(phoneInbox.out()).contains(bob + ": hi Alice").doesNotContain("reflected");
        Run desktopInbox = as("alice-desktop", "receive");
        assertThat(desktopInbox.exit()).as(desktopInbox.err()).isZero();
        assertThat(desktopInbox.out()).contains(bob + ": hi Alice (reflected from device " + phoneId + ")");
        assertThat(as("alice-desktop", "receive").out()).as("acked reflections are gone").doesNotContain("hi Alice");
        assertThat(as("alice-phone", "receive").out()).as("acked messages are gone").doesNotContain("hi Alice");

        // The phone answers through the mediator's CSP proxy; the desktop sees the reply too.
        Run reply = as("alice-phone", "send", "--to", bob, "hi", "Bob");
        assertThat(reply.exit()).as(reply.err()).isZero();
        assertThat(as("bob", "receive").out()).contains(alice + ": hi Bob");
        assertThat(as("alice-desktop", "receive").out())
                .contains(alice + " -> " + bob + ": hi Bob (sent from device " + phoneId + ")");

        // Dropped while it is connected: the desktop is cut off with 4113 and is gone from the list.
        Output waiting = new Output();
        CompletableFuture<Run> desktopOnline = inBackground(waiting, "alice-desktop", "receive", "--wait", "60");
        awaitConnected(desktopId);
        Run drop = as("alice-phone", "device drop", desktopId);
        assertThat(drop.exit()).as(drop.err()).isZero();
        Run cutOff = desktopOnline.get(20, TimeUnit.SECONDS);
        assertThat(cutOff.exit()).isEqualTo(Parley.REFUSED);
        assertThat(cutOff.err()).contains("dropped", "4113");
        Run after = as("alice-phone", "device list");
        assertThat(after.out()).contains(phoneId).doesNotContain(desktopId);
        assertThat(as("alice-desktop", "receive").exit()).as("a dropped device cannot come back").isEqualTo(Parley.REFUSED);
        assertThat(as("alice-phone", "device drop", phoneId).exit()).as("a device does not drop itself")
                .isEqualTo(CommandLine.ExitCode.USAGE);

        // Revoked with its own key: the login through the mediator is refused.
        assertThat(as("alice-phone", "identity revoke").exit()).as("revocation needs --yes")
                .isEqualTo(CommandLine.ExitCode.USAGE);
        Run revoked = as("alice-phone", "identity revoke", "--yes");
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        Run refused = as("alice-phone", "receive");
        assertThat(refused.exit()).as(refused.err()).isEqualTo(Parley.REFUSED);
        assertThat(refused.err()).contains("revoked");
    }

    @Test
    void aStateThatDoesNotKnowItsServerGroupAsksTheDirectoryBeforeLinking() throws Exception {
        String ivy = as("ivy", "identity create").out().strip();
        // As after a Safe restore, which brings back the key but not the server group.
        Path state = dir.resolve("ivy.state");
        char[] passphrase = "a long passphrase".toCharArray();
        StateFile.State full = StateFile.read(state, passphrase);
        assertThat(full.serverGroup()).isNotNull();
        StateFile.write(state, passphrase, new StateFile.State(full.identity(), full.keys()));

        Output tabletOut = new Output();
        CompletableFuture<Run> join = inBackground(tabletOut, "ivy-tablet", "device join", "--label", "tablet");
        String code = tabletOut.awaitLine("parley-link:", Duration.ofSeconds(20)).orElseThrow();
        Run link = as("ivy", "device link", code);
        assertThat(link.exit()).as(link.err()).isZero();
        assertThat(join.get(30, TimeUnit.SECONDS).exit()).isZero();
        assertThat(StateFile.read(state, passphrase).serverGroup()).isEqualTo(full.serverGroup());
        assertThat(StateFile.read(dir.resolve("ivy-tablet.state"), passphrase).identity()).isEqualTo(ivy);
        assertThat(as("ivy-tablet", "device list").out()).contains("tablet", "parley cli");
    }

    private static void awaitConnected(String deviceId) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(until)) {
            Optional<String> line = as("alice-phone", "device list").out().lines()
                    .filter(l -> l.startsWith(deviceId)).findFirst();
            if (line.isPresent() && line.get().contains("connected since")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("device " + deviceId + " never connected");
    }

    @Test
    void theRevocationPasswordShutsAnIdentityOut() throws Exception {
        Path password = Files.writeString(dir.resolve("revocation"), "revoke me if lost");
        Path wrong = Files.writeString(dir.resolve("not-revocation"), "something else");
        Run created = as("carol", "identity create", "--revocation-password-file", password.toString());
        assertThat(created.exit()).as(created.err()).isZero();
        String carol = created.out().strip();
        assertThat(as("carol", "receive").exit()).isZero();

        Run wrongPassword = parley(user("nobody", "identity revoke", carol, "--password-file", wrong.toString(), "--yes"));
        assertThat(wrongPassword.exit()).as("a wrong revocation password is refused").isEqualTo(Parley.REFUSED);
        assertThat(as("carol", "receive").exit()).as("and the identity still works").isZero();

        Run revoked = parley(user("nobody", "identity revoke", carol, "--password-file", password.toString(), "--yes"));
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        assertThat(revoked.out()).contains("revoked " + carol);
        Run refused = as("carol", "receive");
        assertThat(refused.exit()).as(refused.err()).isEqualTo(Parley.REFUSED);
        assertThat(refused.err()).contains("revoked");
        assertThat(as("carol", "identity show").out()).contains("revoked");

        // A password set later works the same; the directory keeps the last one.
        String dave = as("dave", "identity create").out().strip();
        Run set = as("dave", "identity revocation-password", "--password-file", wrong.toString());
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(parley(user("nobody", "identity revoke", dave, "--password-file", password.toString(), "--yes"))
                .exit()).isEqualTo(Parley.REFUSED);
        assertThat(as("dave", "identity revoke", "--password-file", wrong.toString(), "--yes").exit()).isZero();
        assertThat(as("dave", "send", "--to", carol, "hello").exit()).isEqualTo(Parley.REFUSED);
    }

    @Test
    void aProvisioningDocumentIsFetchedOnlyWithItsSigningKey() throws Exception {
        String url = "http://127.0.0.1:" + port(ServiceKind.DIRECTORY) + "/config.oppf";
        String key = node.keys().oppfSigningPublicKey();
        Run fetched = parley("oppf", "fetch", url, "--key", key);
        assertThat(fetched.exit()).as(fetched.err()).isZero();
        var json = new tools.jackson.databind.ObjectMapper().readTree(fetched.out());
        String chatKey = java.util.Base64.getEncoder().encodeToString(Hex.decode(node.keys().chatServerPublicKey()));
        assertThat(json.path("chat").path("publicKey").asString()).isEqualTo(chatKey);
        assertThat(json.path("signatureKey").asString()).isEqualTo(
                java.util.Base64.getEncoder().encodeToString(Hex.decode(key)));

        Path saved = dir.resolve("config.json");
        assertThat(parley("oppf", "fetch", url, "--key", key, "--out", saved.toString()).exit()).isZero();
        assertThat(new tools.jackson.databind.ObjectMapper().readTree(Files.readString(saved))).isEqualTo(json);

        byte[] otherKey = Hex.decode(key);
        otherKey[0] ^= 1;
        assertThat(parley("oppf", "fetch", url, "--key", Hex.encode(otherKey)).exit())
                .as("a different key does not verify").isEqualTo(Parley.UNVERIFIED);

        // The same document pointing at another chat server, served from elsewhere, fails its signature.
        String original = new String(java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body(), java.nio.charset.StandardCharsets.UTF_8);
        String tampered = original.replace(chatKey, java.util.Base64.getEncoder().encodeToString(
                dev.parley.common.crypto.X25519.generateKeyPair().publicKey()));
        assertThat(tampered).isNotEqualTo(original);
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/config.oppf", exchange -> {
            byte[] body = tampered.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Run forged = parley("oppf", "fetch", "http://127.0.0.1:" + server.getAddress().getPort() + "/config.oppf",
                    "--key", key);
            assertThat(forged.exit()).isEqualTo(Parley.UNVERIFIED);
            assertThat(forged.out()).as("nothing of an unverified document is printed").doesNotContain("chat");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnreachableServerHasItsOwnExitCode() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThat(parley("oppf", "fetch", "http://127.0.0.1:" + closed + "/config.oppf", "--key",
                node.keys().oppfSigningPublicKey()).exit()).isEqualTo(Parley.UNREACHABLE);
        Run join = parley("device", "join", "--rendezvous", "ws://127.0.0.1:" + closed + "/",
                "--state", dir.resolve("frank-laptop.state").toString(), "--passphrase-file", dir.resolve("pass").toString());
        assertThat(join.exit()).as(join.err()).isEqualTo(Parley.UNREACHABLE);
        assertThat(join.err()).contains("unreachable");
    }

    /** Serves {@code document} at /config.oppf until closed. */
    private static com.sun.net.httpserver.HttpServer serve(String document) throws java.io.IOException {
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/config.oppf", exchange -> {
            byte[] body = document.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String signed(String json, byte[] signingSecret) {
        return json + "\n" + java.util.Base64.getEncoder().encodeToString(dev.parley.common.crypto.Ed25519.sign(
                signingSecret, json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void aDeploymentIsReadFromItsSignedProvisioningDocumentAlone() throws Exception {
        // An operator's document for this node's real (random) ports, signed with the operator's key.
        var operator = dev.parley.common.crypto.Ed25519.generateKeyPair();
        var b64 = java.util.Base64.getEncoder();
        String json = "{\"version\":\"1.0\",\"signatureKey\":\"" + b64.encodeToString(operator.publicKey()) + "\","
                + "\"refresh\":86400,\"chat\":{\"hostname\":\"127.0.0.1\",\"publicKey\":\""
                + b64.encodeToString(Hex.decode(node.keys().chatServerPublicKey())) + "\",\"ports\":[" + node.cspPort()
                + "]},\"directory\":{\"url\":\"http://127.0.0.1:" + port(ServiceKind.DIRECTORY) + "/\"},"
                + "\"mediator\":{\"url\":\"ws://127.0.0.1:" + port(ServiceKind.MEDIATOR) + "/{deviceGroupIdPrefix8}/\"},"
                + "\"rendezvous\":{\"url\":\"ws://127.0.0.1:" + port(ServiceKind.MEDIATOR) + "/{rendezvousPathPrefix8}/\"}}";
        var genuine = serve(signed(json, operator.secretKey()));
        var foreign = serve(signed(json, dev.parley.common.crypto.Ed25519.generateKeyPair().secretKey()));
        String key = Hex.encode(operator.publicKey());
        try {
            String oppf = "http://127.0.0.1:" + genuine.getAddress().getPort() + "/config.oppf";
            String forged = "http://127.0.0.1:" + foreign.getAddress().getPort() + "/config.oppf";
            Run refused = parley(only("gina", "identity create", "--oppf", forged, "--oppf-key", key));
            assertThat(refused.exit()).as("a document signed by someone else is not used").isEqualTo(Parley.UNVERIFIED);
            assertThat(dir.resolve("gina.state")).doesNotExist();

            Run gina = parley(only("gina", "identity create", "--oppf", oppf, "--oppf-key", key));
            Run hank = parley(only("hank", "identity create", "--oppf", oppf, "--oppf-key", key));
            assertThat(gina.exit()).as(gina.err()).isZero();
            assertThat(hank.exit()).as(hank.err()).isZero();
            Run sent = parley(only("gina", "send", "--oppf", oppf, "--oppf-key", key, "--to", hank.out().strip(),
                    "found", "you"));
            assertThat(sent.exit()).as(sent.err()).isZero();
            assertThat(parley(only("hank", "receive", "--oppf", oppf, "--oppf-key", key)).out())
                    .contains(gina.out().strip() + ": found you");
        } finally {
            genuine.stop(0);
            foreign.stop(0);
        }
    }

    /** A user command with no deployment flags at all. */
    private static String[] only(String state, String command, String... rest) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--state", dir.resolve(state + ".state").toString(),
                "--passphrase-file", dir.resolve("pass").toString()));
        args.addAll(List.of(rest));
        return args.toArray(String[]::new);
    }
}
