package dev.parley.pushrelay.internal;

import dev.parley.common.identity.ThreemaId;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A push the chat gateway asks for: {@code {"identity", "tokenType", "token", "encryptedPayload"?,
 * "nonce"?}} with token, payload and nonce in base64. Payload and nonce are the secretbox the gateway
 * sealed for an APNs mutable-content token; the relay forwards them without being able to read them.
 */
record InternalPushRequest(String identity, PushTokenType tokenType, byte[] token, byte[] encryptedPayload,
        byte[] nonce) {

    static final int MAX_TOKEN_BYTES = 255;
    static final int MAX_PAYLOAD_BYTES = 1024;
    static final int NONCE_BYTES = 24;

    /** Thrown for a request the relay will not queue; the message names the fault for the caller. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    static InternalPushRequest parse(byte[] body, JsonMapper json) throws Invalid {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (RuntimeException e) {
            throw new Invalid("body is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new Invalid("body is not a JSON object");
        }
        String identity = node.path("identity").asString("");
        if (!ThreemaId.isValid(identity)) {
            throw new Invalid("identity is not a Threema ID");
        }
        if (!node.path("tokenType").canConvertToInt()) {
            throw new Invalid("tokenType is missing");
        }
        PushTokenType type = PushTokenType.of(node.path("tokenType").asInt());
        if (type == null) {
            throw new Invalid("tokenType is not a push token type");
        }
        byte[] token = base64(node, "token", MAX_TOKEN_BYTES, true);
        if (token.length == 0) {
            throw new Invalid("token is empty");
        }
        byte[] payload = base64(node, "encryptedPayload", MAX_PAYLOAD_BYTES, false);
        byte[] nonce = base64(node, "nonce", NONCE_BYTES, false);
        if ((payload == null) != (nonce == null) || (nonce != null && nonce.length != NONCE_BYTES)) {
            throw new Invalid("encryptedPayload and a 24-byte nonce come together");
        }
        return new InternalPushRequest(identity, type, token, payload, nonce);
    }

    private static byte[] base64(JsonNode node, String field, int maxBytes, boolean required) throws Invalid {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new Invalid(field + " is missing");
            }
            return null;
        }
        String text = value.asString("");
        if (text.length() > (maxBytes + 2) / 3 * 4) {
            throw new Invalid(field + " is too long");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new Invalid(field + " is not base64");
        }
    }
}
