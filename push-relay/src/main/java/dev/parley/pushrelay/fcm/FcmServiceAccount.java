package dev.parley.pushrelay.fcm;

import dev.parley.pushrelay.push.PemKeys;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The fields of a Google service-account key file that the JWT grant needs. */
public record FcmServiceAccount(String clientEmail, PrivateKey privateKey, URI tokenUri) {

    private static final URI DEFAULT_TOKEN_URI = URI.create("https://oauth2.googleapis.com/token");

    @Override
    public String toString() {
        return "FcmServiceAccount[clientEmail=" + clientEmail + ", tokenUri=" + tokenUri + "]";
    }

    /** Parses the key file given base64-encoded, as upstream's {@code service_account_key_base64}. */
    public static FcmServiceAccount fromBase64(String base64, JsonMapper json) {
        byte[] raw;
        try {
            raw = Base64.getMimeDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parley.push-relay.fcm.service-account-key-base64 is not base64");
        }
        JsonNode node = json.readTree(new String(raw, StandardCharsets.UTF_8));
        String email = node.path("client_email").asString("");
        String key = node.path("private_key").asString("");
        if (email.isEmpty() || key.isEmpty()) {
            throw new IllegalArgumentException("the FCM service account key lacks client_email or private_key");
        }
        String tokenUri = node.path("token_uri").asString("");
        return new FcmServiceAccount(email, PemKeys.pkcs8(key, "RSA"),
                tokenUri.isEmpty() ? DEFAULT_TOKEN_URI : URI.create(tokenUri));
    }
}
