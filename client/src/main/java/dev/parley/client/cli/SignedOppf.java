package dev.parley.client.cli;

import dev.parley.common.crypto.Ed25519;
import dev.parley.common.encoding.Hex;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A provisioning document checked the way the Android client checks it (PROTOCOLS.md §1.9):
 * split at the last newline, Ed25519 over the UTF-8 text before it, and the document's
 * {@code signatureKey} equal to the trusted key. Only a document that passes is ever parsed for
 * use, so a tampered or foreign one cannot point the client at another server.
 *
 * @param text the signed JSON text, exactly as signed
 * @param json the same, parsed
 */
record SignedOppf(String text, JsonNode json) {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    static SignedOppf fetch(URI url, String trustedKeyHex) throws Exception {
        HttpResponse<byte[]> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()
                    .send(HttpRequest.newBuilder(url).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + response.statusCode());
        }
        return verify(response.body(), trustedKey(trustedKeyHex));
    }

    static byte[] trustedKey(String hex) {
        if (hex == null || !hex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("the trusted OPPF signing key must be 64 hex characters");
        }
        return Hex.decode(hex.toLowerCase());
    }

    static SignedOppf verify(byte[] document, byte[] trusted) throws Parley.UnverifiedException {
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
        if (signature.length != Ed25519.SIGNATURE_BYTES || !Ed25519.verify(trusted, signed, signature)) {
            throw new Parley.UnverifiedException("signature does not verify with " + Hex.encode(trusted));
        }
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(signed);
        } catch (RuntimeException e) {
            throw new Parley.UnverifiedException("the signed text is not JSON");
        }
        JsonNode signatureKey = json.get("signatureKey");
        if (signatureKey == null || !Base64.getEncoder().encodeToString(trusted).equals(signatureKey.asString())) {
            throw new Parley.UnverifiedException("signatureKey in the document is not the trusted key");
        }
        return new SignedOppf(new String(signed, StandardCharsets.UTF_8), json);
    }
}
