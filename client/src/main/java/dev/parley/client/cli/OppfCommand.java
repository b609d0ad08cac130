package dev.parley.client.cli;

import dev.parley.common.crypto.Ed25519;
import dev.parley.common.encoding.Hex;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code parley oppf verify URL}: fetches a provisioning document and checks it the way the
 * Android client does (PROTOCOLS.md §1.9): split at the last newline, Ed25519 over the UTF-8 text
 * before it, and the document's {@code signatureKey} equal to the trusted key.
 */
@Command(name = "oppf", description = "Provisioning documents.", subcommands = OppfCommand.Verify.class)
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
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new java.io.IOException("GET " + url + " answered " + response.statusCode());
            }
            byte[] document = response.body();
            int split = -1;
            for (int i = document.length - 1; i >= 0 && split < 0; i--) {
                if (document[i] == '\n') {
                    split = i;
                }
            }
            if (split < 0) {
                throw new Parley.UnverifiedException("no signature line");
            }
            byte[] signed = Arrays.copyOfRange(document, 0, split);
            byte[] signature;
            try {
                signature = Base64.getDecoder().decode(new String(document, split + 1, document.length - split - 1,
                        StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                throw new Parley.UnverifiedException("the signature line is not base64 (a newline after it breaks clients)");
            }
            byte[] trusted = Hex.decode(key);
            if (signature.length != Ed25519.SIGNATURE_BYTES || !Ed25519.verify(trusted, signed, signature)) {
                throw new Parley.UnverifiedException("signature does not verify with " + key);
            }
            tools.jackson.databind.JsonNode json = new tools.jackson.databind.ObjectMapper().readTree(signed);
            tools.jackson.databind.JsonNode signatureKey = json.get("signatureKey");
            if (signatureKey == null || !Base64.getEncoder().encodeToString(trusted).equals(signatureKey.asString())) {
                throw new Parley.UnverifiedException("signatureKey in the document is not the trusted key");
            }
            spec.commandLine().getOut().println("OK: signed by " + key);
            return 0;
        }
    }
}
