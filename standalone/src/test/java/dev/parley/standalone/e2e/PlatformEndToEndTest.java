package dev.parley.standalone.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.cli.Parley;
import dev.parley.common.encoding.Hex;
import dev.parley.standalone.RunningStandalone;
import dev.parley.standalone.StandaloneLauncher;
import dev.parley.standalone.StandaloneSettings;
import dev.parley.standalone.TestNodes;
import dev.parley.standalone.services.ServiceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's own proof that the platform works together: the whole standalone node, driven
 * through the {@code parley} command line as an operator and two users would.
 */
class PlatformEndToEndTest {

    @TempDir
    static Path dir;

    private static RunningStandalone node;
    private static List<String> deployment;
    private static Path adminSecret;

    @BeforeAll
    static void start() throws Exception {
        node = StandaloneLauncher.start(StandaloneSettings.from(TestNodes.freePortArguments(dir.resolve("data")), Map.of()));
        int directoryPort = port(ServiceKind.DIRECTORY);
        deployment = List.of("--directory", "http://127.0.0.1:" + directoryPort + "/",
                "--chat", "127.0.0.1:" + node.cspPort(), "--chat-key", node.keys().chatServerPublicKey());
        adminSecret = Files.writeString(dir.resolve("admin-secret"), node.keys().internalApiSecret());
        Files.writeString(dir.resolve("pass"), "a long passphrase");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static int port(ServiceKind kind) {
        return TestNodes.publicPort(node, kind);
    }

    private static String adminUrl() {
        return "http://127.0.0.1:" + TestNodes.directoryAdminPort(node) + "/";
    }

    private static Run parley(String... args) {
        return ParleyCli.parley(args);
    }

    /** A user command with the deployment, the user's state file and the passphrase file. */
    private static Run as(String user, String command, String... rest) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(deployment);
        args.addAll(List.of("--state", dir.resolve(user + ".state").toString(),
                "--passphrase-file", dir.resolve("pass").toString()));
        args.addAll(List.of(rest));
        return parley(args.toArray(String[]::new));
    }

    @Test
    void twoUsersExchangeMessagesAndARevokedIdentityIsShutOut() {
        Run alice = as("alice", "identity create");
        Run bob = as("bob", "identity create");
        assertThat(alice.exit()).as(alice.err()).isZero();
        assertThat(bob.exit()).as(bob.err()).isZero();
        String aliceId = alice.out().strip();
        String bobId = bob.out().strip();
        assertThat(aliceId).matches("[A-Z0-9]{8}");
        assertThat(as("alice", "identity create").exit()).as("an existing identity is never overwritten").isEqualTo(5);

        Run shown = as("bob", "identity show", aliceId);
        assertThat(shown.exit()).isZero();
        assertThat(shown.out()).contains(aliceId, "active");

        Run sent = as("alice", "send", "--to", bobId, "--nickname", "Alice", "Hello", "Bob");
        assertThat(sent.exit()).as(sent.err()).isZero();
        assertThat(sent.out()).startsWith("sent ");

        Run received = as("bob", "receive");
        assertThat(received.exit()).as(received.err()).isZero();
        assertThat(received.out()).contains(aliceId + ": Hello Bob");
        assertThat(as("bob", "receive").out()).as("acknowledged messages are gone").doesNotContain("Hello Bob");

        Run revoked = parley("admin", "revoke", aliceId, "--admin", adminUrl(), "--admin-secret-file", adminSecret.toString());
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        Run refused = as("alice", "send", "--to", bobId, "again");
        assertThat(refused.exit()).as(refused.err()).isEqualTo(Parley.REFUSED);
        assertThat(refused.err()).contains("revoked");
        assertThat(as("bob", "send", "--to", aliceId, "hi").exit()).as("nobody can write to a revoked identity")
                .isEqualTo(Parley.REFUSED);
    }

    @Test
    void aWrongPassphraseKeepsTheStateClosed() throws Exception {
        assertThat(as("carol", "identity create").exit()).isZero();
        Path wrong = Files.writeString(dir.resolve("wrong-pass"), "not it");
        List<String> args = new ArrayList<>(List.of("receive"));
        args.addAll(deployment);
        args.addAll(List.of("--state", dir.resolve("carol.state").toString(), "--passphrase-file", wrong.toString()));
        Run run = parley(args.toArray(String[]::new));
        assertThat(run.exit()).isEqualTo(Parley.STATE);
        assertThat(run.err()).contains("wrong passphrase");
    }

    @Test
    void theProvisioningDocumentVerifiesWithTheNodesSigningKey() {
        String url = "http://127.0.0.1:" + port(ServiceKind.DIRECTORY) + "/config.oppf";
        Run ok = parley("oppf", "verify", url, "--key", node.keys().oppfSigningPublicKey());
        assertThat(ok.exit()).as(ok.err()).isZero();
        Run forged = parley("oppf", "verify", url, "--key", Hex.encode(new byte[32]));
        assertThat(forged.exit()).isEqualTo(Parley.UNVERIFIED);
    }

    @Test
    void adminCountsAreReadable() {
        Run counts = parley("admin", "counts", "--admin", adminUrl(), "--admin-secret-file", adminSecret.toString());
        assertThat(counts.exit()).as(counts.err()).isZero();
        assertThat(counts.out()).contains("\"identities\"");
        Run wrongSecret = parley("admin", "counts", "--admin", adminUrl(), "--admin-secret-file", dir.resolve("pass").toString());
        assertThat(wrongSecret.exit()).isEqualTo(Parley.REFUSED);
    }

    @Test
    void mediaGoesUpComesDownAndIsReleased() throws Exception {
        String blobUrl = "http://127.0.0.1:" + port(ServiceKind.MEDIA) + "/";
        byte[] bytes = dev.parley.common.crypto.CryptoRandom.bytes(200_000);
        Path file = Files.write(dir.resolve("photo.enc"), bytes);
        Run put = parley("blob", "put", file.toString(), "--blob", blobUrl);
        assertThat(put.exit()).as(put.err()).isZero();
        String blobId = put.out().strip();
        assertThat(blobId).matches("[0-9a-f]{32}");

        Path back = dir.resolve("photo.back");
        assertThat(parley("blob", "get", blobId, "--out", back.toString(), "--blob", blobUrl).exit()).isZero();
        assertThat(Files.readAllBytes(back)).isEqualTo(bytes);
        assertThat(parley("blob", "done", blobId, "--blob", blobUrl).exit()).isZero();
        assertThat(parley("blob", "get", blobId, "--out", dir.resolve("gone").toString(), "--blob", blobUrl).exit())
                .as("a single-use blob is gone after done").isNotZero();
    }

    @Test
    void anIdentityLostWithItsStateComesBackFromSafe() throws Exception {
        String safeUrl = "http://127.0.0.1:" + port(ServiceKind.SAFE) + "/";
        Path safePassword = Files.writeString(dir.resolve("safe-pass"), "correct horse battery staple");
        Run created = as("dora", "identity create");
        assertThat(created.exit()).isZero();
        String doraId = created.out().strip();
        Run backup = as("dora", "safe backup", "--safe", safeUrl, "--safe-password-file", safePassword.toString());
        assertThat(backup.exit()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("backup created for " + doraId);

        Files.delete(dir.resolve("dora.state"));
        Path wrongPassword = Files.writeString(dir.resolve("safe-wrong"), "something else");
        assertThat(as("dora", "safe restore", "--identity", doraId, "--safe", safeUrl,
                "--safe-password-file", wrongPassword.toString()).exit()).isEqualTo(Parley.REFUSED);
        Run restored = as("dora", "safe restore", "--identity", doraId, "--safe", safeUrl,
                "--safe-password-file", safePassword.toString());
        assertThat(restored.exit()).as(restored.err()).isZero();

        // The restored key logs in: Dora can write to Erin.
        Run erin = as("erin", "identity create");
        Run sent = as("dora", "send", "--to", erin.out().strip(), "restored", "and", "well");
        assertThat(sent.exit()).as(sent.err()).isZero();
        assertThat(as("erin", "receive").out()).contains(doraId + ": restored and well");
    }

    /** Serves a provisioning document naming this node's real (random) ports, as an operator's would. */
    private static com.sun.net.httpserver.HttpServer oppfServer(String chatKeyBase64) throws java.io.IOException {
        String doc = "{\"chat\":{\"hostname\":\"127.0.0.1\",\"publicKey\":\"" + chatKeyBase64 + "\",\"ports\":["
                + node.cspPort() + "]},\"directory\":{\"url\":\"http://127.0.0.1:" + port(ServiceKind.DIRECTORY) + "/\"},"
                + "\"blob\":{\"downloadUrl\":\"http://127.0.0.1:" + port(ServiceKind.MEDIA) + "/{blobId}\"},"
                + "\"safe\":{\"url\":\"http://127.0.0.1:" + port(ServiceKind.SAFE) + "/\"}}\nc2lnbmF0dXJl";
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/config.oppf", exchange -> {
            byte[] body = doc.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    void doctorWalksEveryEndpointAndCatchesAWrongChatKey() throws Exception {
        String realKey = java.util.Base64.getEncoder().encodeToString(Hex.decode(node.keys().chatServerPublicKey()));
        var healthy = oppfServer(realKey);
        var wrongKey = oppfServer(java.util.Base64.getEncoder().encodeToString(
                dev.parley.common.crypto.X25519.generateKeyPair().publicKey()));
        try {
            Run ok = parley("doctor", "http://127.0.0.1:" + healthy.getAddress().getPort() + "/config.oppf");
            assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
            assertThat(ok.out().lines().filter(line -> line.startsWith("OK"))).hasSize(4);
            Run bad = parley("doctor", "http://127.0.0.1:" + wrongKey.getAddress().getPort() + "/config.oppf");
            assertThat(bad.exit()).isEqualTo(1);
            assertThat(bad.out()).contains("FAIL", "does not open with the OPPF's chat key");
        } finally {
            healthy.stop(0);
            wrongKey.stop(0);
        }
    }
}
