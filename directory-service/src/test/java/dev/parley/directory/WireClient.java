package dev.parley.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.crypto.ProtocolKeys;
import dev.parley.common.crypto.ProtocolKeys.DirectoryRealm;
import dev.parley.common.crypto.X25519;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Raw JSON calls as the Android client makes them, including both challenge phases. */
public final class WireClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebTestClient web;

    public WireClient(WebTestClient web) {
        this.web = web;
    }

    public static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static byte[] unb64(JsonNode node) {
        return Base64.getDecoder().decode(node.stringValue());
    }

    public WebTestClient.ResponseSpec exchange(String path, Object body) {
        return exchange(HttpMethod.POST, path, body);
    }

    /** The Work API also uses PUT and DELETE with JSON bodies. */
    public WebTestClient.ResponseSpec exchange(HttpMethod method, String path, Object body) {
        return web.method(method).uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** Any method, expecting 200 with a JSON body. */
    public JsonNode json(HttpMethod method, String path, Object body) {
        return JSON.readTree(exchange(method, path, body).expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    /** POSTs and expects 200 with a JSON body. */
    public JsonNode post(String path, Object body) {
        byte[] raw = exchange(path, body).expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return JSON.readTree(raw);
    }

    /** Phase 1, the answer computed with {@code secretKey}, phase 2 with the same fields; returns phase 2's body. */
    public JsonNode challenged(String path, Map<String, Object> fields, byte[] secretKey) {
        JsonNode phaseOne = post(path, fields);
        assertThat(phaseOne.has("token")).as("challenge for %s: %s", path, phaseOne).isTrue();
        return post(path, answer(fields, phaseOne, secretKey));
    }

    public static Map<String, Object> answer(Map<String, Object> fields, JsonNode phaseOne, byte[] secretKey) {
        byte[] token = unb64(phaseOne.get("token"));
        byte[] response = ProtocolKeys.directoryChallengeResponse(secretKey, unb64(phaseOne.get("tokenRespKeyPub")),
                DirectoryRealm.CONSUMER, token);
        Map<String, Object> phaseTwo = new LinkedHashMap<>(fields);
        phaseTwo.put("token", b64(token));
        phaseTwo.put("response", b64(response));
        return phaseTwo;
    }

    /** Creates an identity with a fresh key pair through {@code identity/create}. */
    public Created create() {
        X25519.KeyPair keys = X25519.generateKeyPair();
        JsonNode result = challenged("identity/create", Map.of("publicKey", b64(keys.publicKey())), keys.secretKey());
        assertThat(result.get("success").booleanValue()).as("create: %s", result).isTrue();
        return new Created(result.get("identity").stringValue(), keys);
    }

    public record Created(String id, X25519.KeyPair keys) {
    }
}
