package dev.parley.client.cli;

import dev.parley.client.cli.StateFile.State;
import dev.parley.client.safe.SafeBackup;
import dev.parley.client.safe.SafeClient;
import dev.parley.client.safe.SafeKeys;
import dev.parley.common.crypto.X25519;
import dev.parley.common.identity.ThreemaId;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code parley safe backup|restore}: the identity's key in a Threema Safe backup (whitepaper
 * "Threema Safe": scrypt from identity and password, gzip, secretbox), so a lost state file can
 * be restored from the Safe server with the password alone.
 */
@Command(name = "safe", description = "Back up and restore the identity with Threema Safe.", subcommands = {
        SafeCommand.Backup.class, SafeCommand.Restore.class})
final class SafeCommand {

    /** The Safe server and the backup password. */
    static final class SafeOptions {

        @Option(names = "--safe", defaultValue = "${env:PARLEY_SAFE:-http://localhost:8083/}",
                description = "Safe server (default: ${DEFAULT-VALUE}); user:password@ for Basic auth.")
        String server;

        @Option(names = "--safe-password-file", required = true, description = "File holding the Safe password.")
        Path passwordFile;

        String password() throws java.io.IOException {
            return Files.readString(passwordFile).strip();
        }

        SafeClient client() {
            return SafeClient.forServer(HttpClient.newHttpClient(), server);
        }
    }

    @Command(name = "backup", description = "Upload an encrypted backup of the identity in the state file.")
    static final class Backup implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ClientOptions client;
        @Mixin
        SafeOptions safe;

        @Override
        public Integer call() throws Exception {
            State me = client.loadState();
            SafeKeys keys = SafeKeys.derive(ThreemaId.of(me.identity()), safe.password());
            String json = "{\"info\":{\"version\":1,\"device\":\"parley-cli\"},\"user\":{\"privatekey\":\""
                    + Base64.getEncoder().encodeToString(me.keys().secretKey()) + "\"}}";
            SafeClient.PutResult result = safe.client().put(keys.backupIdHex(),
                    SafeBackup.seal(keys, json.getBytes(StandardCharsets.UTF_8)));
            spec.commandLine().getOut().println("backup " + result.name().toLowerCase() + " for " + me.identity());
            return 0;
        }
    }

    @Command(name = "restore", description = "Restore an identity from its Safe backup into a new state file.")
    static final class Restore implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ClientOptions client;
        @Mixin
        SafeOptions safe;
        @Option(names = "--identity", required = true, description = "The identity to restore.")
        String identity;

        @Override
        public Integer call() throws Exception {
            if (Files.exists(client.state)) {
                spec.commandLine().getErr().println("parley: " + client.state + " exists; refusing to overwrite an identity");
                return Parley.STATE;
            }
            char[] passphrase = client.passphrase();
            SafeKeys keys = SafeKeys.derive(ThreemaId.of(identity), safe.password());
            byte[] body = safe.client().get(keys.backupIdHex())
                    .orElseThrow(() -> new Parley.RefusedException("no Safe backup for " + identity + " with this password"));
            tools.jackson.databind.JsonNode json = new tools.jackson.databind.ObjectMapper()
                    .readTree(SafeBackup.open(keys, body, 1 << 20));
            byte[] secret = Base64.getDecoder().decode(json.get("user").get("privatekey").asString());
            StateFile.write(client.state, passphrase, new State(identity, X25519.KeyPair.fromSecretKey(secret)));
            spec.commandLine().getOut().println("restored " + identity);
            return 0;
        }
    }
}
