package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.csp.CspClosedException;
import dev.parley.client.csp.CspLoginException;
import dev.parley.common.csp.payload.CloseError;
import dev.parley.common.keys.KeyFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line itself: usage errors, exit codes scripts rely on, and the offline commands. */
class ParleyCliTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Parley.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void aCloseErrorThatForbidsReconnectingIsExitCode4() {
        CloseError revoked = new CloseError(false, "Identity has been revoked");
        assertThat(Parley.exitCode(new CspLoginException(revoked))).isEqualTo(Parley.REFUSED);
        // A revocation that arrives just after a login the server still accepted.
        assertThat(Parley.exitCode(new CspClosedException(revoked))).isEqualTo(Parley.REFUSED);
        assertThat(Parley.exitCode(new CspClosedException(new CloseError(true, "Server shutting down")))).isEqualTo(1);
        assertThat(Parley.exitCode(new CspClosedException(null))).isEqualTo(1);
    }

    @Test
    void unknownCommandsAndMissingOptionsAreUsageErrors() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(run("send", "hello")).isEqualTo(2);
        assertThat(err.toString()).contains("--to");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Exit codes", "server unreachable");
    }

    @Test
    void anUnreachableDirectoryIsExitCode3() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path passphrase = Files.writeString(dir.resolve("pass"), "secret");
        assertThat(run("identity", "create", "--directory", "http://127.0.0.1:" + port + "/",
                "--state", dir.resolve("state").toString(), "--passphrase-file", passphrase.toString())).isEqualTo(3);
        assertThat(err.toString()).contains("unreachable");
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    void aMissingStateFileIsExitCode5() throws Exception {
        Path passphrase = Files.writeString(dir.resolve("pass"), "secret");
        assertThat(run("identity", "show", "--state", dir.resolve("absent").toString(),
                "--passphrase-file", passphrase.toString())).isEqualTo(5);
    }

    @Test
    void keysGenerateWritesAKeyFileTheServicesLoad() {
        Path chat = dir.resolve("chat-server.key");
        assertThat(run("keys", "generate", "--type", "CHAT_SERVER", "--out", chat.toString())).isZero();
        String publicHex = out.toString().strip();
        assertThat(dev.parley.common.encoding.Hex.encode(KeyFile.loadX25519(chat).publicKey())).isEqualTo(publicHex);
        assertThat(run("keys", "generate", "--type", "CHAT_SERVER", "--out", chat.toString())).isEqualTo(1);
        Path oppf = dir.resolve("oppf.key");
        assertThat(run("keys", "generate", "--type", "OPPF_SIGNING", "--out", oppf.toString())).isZero();
        assertThat(KeyFile.loadEd25519(oppf)).isNotNull();
    }

    @Test
    void deviceAndRevocationMistakesAreCaughtBeforeAnyServerIsAsked() throws Exception {
        Path passphrase = Files.writeString(dir.resolve("pass"), "secret");
        String state = dir.resolve("state").toString();
        assertThat(run("device", "drop", "not-hex", "--state", state, "--passphrase-file", passphrase.toString()))
                .isEqualTo(2);
        assertThat(run("device", "link", "garbage", "--state", state, "--passphrase-file", passphrase.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("not a link code");
        assertThat(run("identity", "revoke", "ABCDEFGH", "--state", state)).as("no --yes").isEqualTo(2);
        assertThat(err.toString()).contains("--yes");
    }

    @Test
    void anUnreachableMediatorIsExitCode3() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path passphrase = Files.writeString(dir.resolve("pass"), "secret");
        Path state = dir.resolve("state");
        StateFile.write(state, "secret".toCharArray(), new StateFile.State("ECHOECHO",
                dev.parley.common.crypto.X25519.generateKeyPair(), "0",
                new StateFile.Device(new byte[32], 1, 2, "test")));
        assertThat(run("device", "list", "--mediator", "ws://127.0.0.1:" + port + "/{deviceGroupIdPrefix8}/",
                "--state", state.toString(), "--passphrase-file", passphrase.toString())).isEqualTo(3);
        assertThat(err.toString()).contains("mediator unreachable", "ws://127.0.0.1:" + port + "/");
    }
}
