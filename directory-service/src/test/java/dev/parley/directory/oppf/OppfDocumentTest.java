package dev.parley.directory.oppf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.crypto.Ed25519;
import dev.parley.directory.DirectoryTestBase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class OppfDocumentTest extends DirectoryTestBase {

    @Test
    void verifiesTheWayTheAndroidClientDoes() throws Exception {
        byte[] body = api().get().uri("config.oppf").exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        String file = new String(body, StandardCharsets.UTF_8);

        // Split at the last newline: signed text before it, base64 signature after it.
        int split = file.lastIndexOf('\n');
        String text = file.substring(0, split);
        String signatureText = file.substring(split + 1);
        assertThat(signatureText).doesNotContain("\n").isNotEmpty();
        byte[] signature = Base64.getDecoder().decode(signatureText);

        JsonNode json = new ObjectMapper().readTree(text);
        byte[] signatureKey = Base64.getDecoder().decode(json.get("signatureKey").stringValue());
        String publicLine = Files.readAllLines(KEY_FILE).get(2);
        assertThat(dev.parley.common.encoding.Hex.encode(signatureKey)).isEqualTo(publicLine.substring("public:".length()));
        assertThat(Ed25519.verify(signatureKey, text.getBytes(StandardCharsets.UTF_8), signature)).isTrue();

        // A changed byte or a trailing newline after the signature breaks it, as on the client.
        byte[] tampered = text.replace("chat.example.org", "evil.example.org").getBytes(StandardCharsets.UTF_8);
        assertThat(Ed25519.verify(signatureKey, tampered, signature)).isFalse();

        assertThat(json.get("version").stringValue()).startsWith("1.");
        assertThat(json.get("refresh").intValue()).isGreaterThanOrEqualTo(1800);
        assertThat(json.get("license").has("id")).isTrue();
        assertThat(json.get("license").get("expires").stringValue()).matches("\\d{4}-\\d\\d-\\d\\d");
        assertThat(json.get("license").get("count").intValue()).isPositive();
        assertThat(json.get("chat").get("hostname").stringValue()).isEqualTo("chat.example.org");
        assertThat(json.get("chat").get("ports").toString()).isEqualTo("[5222,443]");
        assertThat(Base64.getDecoder().decode(json.get("chat").get("publicKey").stringValue())).hasSize(32);
        assertThat(json.get("directory").get("url").stringValue()).isEqualTo("https://dir.example.org/");
        for (String field : new String[] {"uploadUrl", "downloadUrl", "doneUrl"}) {
            assertThat(json.get("blob").get(field).stringValue()).startsWith("http");
        }
        assertThat(json.get("blob").get("downloadUrl").stringValue()).contains("{blobId}");
        assertThat(json.get("work").get("url").stringValue()).endsWith("/");
        assertThat(json.get("safe").get("url").stringValue()).endsWith("/");
        assertThat(json.get("avatar").get("url").stringValue()).endsWith("/");
        assertThat(json.get("mediator").get("url").stringValue()).contains("{deviceGroupIdPrefix4}");
    }
}
