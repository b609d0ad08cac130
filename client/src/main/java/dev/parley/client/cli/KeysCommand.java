package dev.parley.client.cli;

import dev.parley.common.crypto.Ed25519;
import dev.parley.common.crypto.X25519;
import dev.parley.common.encoding.Hex;
import dev.parley.common.keys.KeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code parley keys generate}: server key pairs in the key-file format the services load. */
@Command(name = "keys", description = "Generate server keys.", subcommands = KeysCommand.Generate.class)
final class KeysCommand {

    enum Kind { CHAT_SERVER, OPPF_SIGNING }

    @Command(name = "generate", description = "Write a new key pair file (owner-only) and print its public key.")
    static final class Generate implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--type", required = true,
                description = "CHAT_SERVER (X25519, parley.chat.keys.server-key-file) or OPPF_SIGNING (Ed25519).")
        Kind kind;

        @Option(names = "--out", required = true, description = "File to write; an existing file is never overwritten.")
        Path out;

        @Override
        public Integer call() {
            if (Files.exists(out)) {
                spec.commandLine().getErr().println("parley: " + out + " exists; refusing to overwrite a key");
                return 1;
            }
            byte[] publicKey;
            if (kind == Kind.CHAT_SERVER) {
                X25519.KeyPair pair = X25519.generateKeyPair();
                KeyFile.write(out, "Parley chat server key (X25519)", pair.secretKey(), pair.publicKey());
                publicKey = pair.publicKey();
            } else {
                Ed25519.KeyPair pair = Ed25519.generateKeyPair();
                KeyFile.write(out, "Parley OPPF signing key (Ed25519)", pair.secretKey(), pair.publicKey());
                publicKey = pair.publicKey();
            }
            spec.commandLine().getOut().println(Hex.encode(publicKey));
            return 0;
        }
    }
}
