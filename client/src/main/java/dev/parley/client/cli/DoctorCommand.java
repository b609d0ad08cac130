package dev.parley.client.cli;

import dev.parley.common.crypto.AuthenticationException;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.SecretBox;
import dev.parley.common.crypto.X25519;
import dev.parley.common.csp.frame.CspNonceSequence;
import dev.parley.common.csp.handshake.ClientHello;
import dev.parley.common.csp.handshake.ServerHello;
import dev.parley.common.csp.handshake.ServerHelloPlaintext;
import java.io.DataInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code parley doctor URL}: reads a deployment's provisioning document and probes every endpoint
 * it lists the way a client would, printing one line per check with its latency. Exit 0 when all
 * pass, 1 otherwise. The chat check performs the first half of the CSP handshake and proves the
 * server holds the key the document announces.
 */
@Command(name = "doctor", description = "Check every endpoint a deployment's OPPF lists.")
final class DoctorCommand implements Callable<Integer> {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** An ID no directory hands out (IDs are 8 of [A-Z0-9]; this one is all zeros), so the answer is a 404. */
    private static final String PROBE_ID = "00000000";

    @Spec
    CommandSpec spec;

    @Parameters(description = "URL of the provisioning document, e.g. https://dir.example.org/config.oppf")
    URI url;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private record Check(String name, String target, boolean ok, String detail, long millis) {
    }

    private interface Probe {
        String run() throws Exception;
    }

    @Override
    public Integer call() throws Exception {
        String text = get(url).body();
        int split = text.lastIndexOf('\n');
        JsonNode oppf = new ObjectMapper().readTree(split < 0 ? text : text.substring(0, split));
        List<Check> checks = new ArrayList<>();
        String directory = oppf.path("directory").path("url").asString();
        checks.add(check("directory", directory, () -> expect(URI.create(directory + "identity/" + PROBE_ID), 404)));
        String download = oppf.path("blob").path("downloadUrl").asString();
        String blobUrl = download.replace("{blobId}", "00000000000000000000000000000000")
                .replace("{blobIdPrefix}", "00");
        checks.add(check("blob download", blobUrl, () -> expect(URI.create(blobUrl), 404)));
        String safe = oppf.path("safe").path("url").asString();
        checks.add(check("safe", safe, () -> expect(URI.create(safe + "config"), 200)));
        String host = oppf.path("chat").path("hostname").asString();
        byte[] chatKey = Base64.getDecoder().decode(oppf.path("chat").path("publicKey").asString());
        for (JsonNode port : oppf.path("chat").path("ports")) {
            checks.add(check("chat", host + ":" + port.asInt(), () -> serverHello(host, port.asInt(), chatKey)));
        }
        int width = checks.stream().mapToInt(c -> c.target().length()).max().orElse(10);
        for (Check c : checks) {
            spec.commandLine().getOut().printf("%-4s %-14s %-" + width + "s %5d ms  %s%n", c.ok() ? "OK" : "FAIL", c.name(),
                    c.target(), c.millis(), c.detail());
        }
        return checks.stream().allMatch(Check::ok) ? 0 : 1;
    }

    private static Check check(String name, String target, Probe probe) {
        long start = System.nanoTime();
        try {
            String detail = probe.run();
            return new Check(name, target, true, detail, (System.nanoTime() - start) / 1_000_000);
        } catch (Exception e) {
            return new Check(name, target, false, String.valueOf(e.getMessage() == null ? e : e.getMessage()),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String expect(URI uri, int status) throws Exception {
        int got = get(uri).statusCode();
        if (got != status) {
            throw new IllegalStateException("HTTP " + got + ", expected " + status);
        }
        return "HTTP " + got;
    }

    /** client-hello out, server-hello in, opened with the announced key: the server holds it. */
    private static String serverHello(String host, int port, byte[] serverKey) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            X25519.KeyPair temporary = X25519.generateKeyPair();
            byte[] cookie = CryptoRandom.bytes(ClientHello.COOKIE_LENGTH);
            socket.getOutputStream().write(new ClientHello(temporary.publicKey(), cookie).encode());
            byte[] reply = new byte[ServerHello.LENGTH];
            new DataInputStream(socket.getInputStream()).readFully(reply);
            ServerHello hello = ServerHello.decode(reply);
            try {
                ServerHelloPlaintext.decode(SecretBox.open(X25519.beforenm(temporary.secretKey(), serverKey),
                        new CspNonceSequence(hello.serverCookie()).next(), hello.box()));
            } catch (AuthenticationException e) {
                throw new IllegalStateException("server-hello does not open with the OPPF's chat key");
            }
            return "server-hello opens with the announced key";
        }
    }
}
