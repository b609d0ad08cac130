package dev.parley.client.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code parley oppf verify|fetch URL}: provisioning documents, trusted only once their
 * signature verifies with the given key ({@link SignedOppf}); exit 6 when it does not.
 */
@Command(name = "oppf", description = "Provisioning documents.", subcommands = {
        OppfCommand.Verify.class, OppfCommand.Fetch.class})
final class OppfCommand {

    @Command(name = "verify", description = "Fetch an OPPF and check its signature against a trusted key.")
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(description = "URL of the document, e.g. https://dir.example.org/config.oppf")
        URI url;

        @Option(names = "--key", required = true, description = "Trusted Ed25519 public key, 64 hex characters.")
        String key;

        @Override
        public Integer call() throws Exception {
            SignedOppf.fetch(url, key);
            spec.commandLine().getOut().println("OK: signed by " + key);
            return 0;
        }
    }

    @Command(name = "fetch", description = "Download an OPPF, verify it, and print (or save) its JSON.")
    static final class Fetch implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(description = "URL of the document, e.g. https://dir.example.org/config.oppf")
        URI url;

        @Option(names = "--key", defaultValue = "${env:PARLEY_OPPF_KEY}",
                description = "Trusted (pinned) Ed25519 public key, 64 hex characters (or PARLEY_OPPF_KEY).")
        String key;

        @Option(names = "--out", description = "Write the verified JSON here instead of printing it.")
        Path out;

        @Override
        public Integer call() throws Exception {
            SignedOppf document = SignedOppf.fetch(url, key);
            if (out != null) {
                Files.writeString(out, document.text() + "\n");
                spec.commandLine().getOut().println("OK: signed by " + key + ", written to " + out);
            } else {
                spec.commandLine().getOut().println(document.text());
            }
            return 0;
        }
    }
}
