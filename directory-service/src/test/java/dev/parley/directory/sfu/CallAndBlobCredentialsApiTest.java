package dev.parley.directory.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.authtoken.AuthToken;
import dev.parley.common.authtoken.AuthTokens;
import dev.parley.directory.DirectoryTestBase;
import dev.parley.directory.WireClient;
import dev.parley.directory.WireClient.Created;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code identity/sfu_cred} and {@code identity/blob_cred}: challenged like every consumer
 * endpoint, and the tokens verify offline with the secret the SFU and the blob server share.
 */
class CallAndBlobCredentialsApiTest extends DirectoryTestBase {

    @Test
    void sfuTokenNamesTheIdentityAndExpires() {
        WireClient wire = new WireClient(api());
        Created caller = wire.create();
        JsonNode result = wire.challenged("identity/sfu_cred", new HashMap<>(Map.of("identity", caller.id())),
                caller.keys().secretKey());
        assertThat(result.get("success").booleanValue()).isTrue();
        assertThat(result.get("sfuBaseUrl").stringValue()).isEqualTo("https://sfu.example.org/");
        assertThat(result.get("allowedSfuHostnameSuffixes").get(0).stringValue()).isEqualTo(".sfu.example.org");
        assertThat(result.get("expiration").intValue()).isEqualTo(600);
        AuthToken token = AuthTokens.verify(SFU_SECRET.getBytes(StandardCharsets.UTF_8),
                result.get("sfuToken").stringValue(), Instant.now()).orElseThrow();
        assertThat(token.subject()).isEqualTo(caller.id());
        assertThat(AuthTokens.verify(SFU_SECRET.getBytes(StandardCharsets.UTF_8), result.get("sfuToken").stringValue(),
                Instant.now().plusSeconds(601))).isEmpty();
    }

    @Test
    void blobTokenIsAcceptedUnderTheBlobScheme() {
        WireClient wire = new WireClient(api());
        Created uploader = wire.create();
        JsonNode result = wire.challenged("identity/blob_cred", new HashMap<>(Map.of("identity", uploader.id())),
                uploader.keys().secretKey());
        assertThat(result.get("success").booleanValue()).isTrue();
        String header = "ThreemaBlobToken " + result.get("token").stringValue();
        AuthToken token = AuthTokens.verifyBlobAuthorization(AUTH_TOKEN_SECRET.getBytes(StandardCharsets.UTF_8), header,
                Instant.now()).orElseThrow();
        assertThat(token.subject()).isEqualTo(uploader.id());
        assertThat(result.get("expiration").intValue()).isEqualTo(3600);
    }

    @Test
    void aWrongAnswerGetsNoCredentials() {
        WireClient wire = new WireClient(api());
        Created caller = wire.create();
        Created other = wire.create();
        for (String path : new String[] {"identity/sfu_cred", "identity/blob_cred"}) {
            Map<String, Object> fields = new HashMap<>(Map.of("identity", caller.id()));
            JsonNode phaseOne = wire.post(path, fields);
            JsonNode answer = wire.post(path, WireClient.answer(fields, phaseOne, other.keys().secretKey()));
            assertThat(answer.get("success").booleanValue()).as(path).isFalse();
            assertThat(answer.has("sfuToken") || answer.has("token")).as(path).isFalse();
        }
        wire.exchange("identity/sfu_cred", Map.of("identity", "lower")).expectStatus().isBadRequest();
    }
}
