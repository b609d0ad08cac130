package dev.parley.pushrelay.internal;

import dev.parley.common.identity.ThreemaId;
import dev.parley.service.internal.InvalidRequest;
import java.util.Base64;
import tools.jackson.databind.JsonNode;

/**
 * A push the chat gateway asks for: {@code {"identity", "tokenType", "token", "encryptedPayload"?,
 * "nonce"?, "topic"?}} with token, payload and nonce in base64. Payload and nonce are the secretbox
 * the gateway sealed for an APNs mutable-content token; the relay forwards them without being able
 * to read them. {@code topic} is the bundle id the app registered with its token; whether it is
 * used is the relay's decision (its allow-list), not the caller's.
 */
record InternalPushRequest(String identity, PushTokenType tokenType, byte[] token, byte[] encryptedPayload,
        byte[] nonce, String topic) {

    static final int MAX_TOKEN_BYTES = 255;
    static final int MAX_PAYLOAD_BYTES = 1024;
    static final int MIN_PAYLOAD_BYTES = 16;
    static final int NONCE_BYTES = 24;
    static final int MAX_TOPIC_LENGTH = 255;

    static InternalPushRequest parse(JsonNode node) throws InvalidRequest {
        String identity = node.path("identity").asString("");
        if (!ThreemaId.isValid(identity)) {
            throw new InvalidRequest("identity is not a Threema ID");
        }
        if (!node.path("tokenType").canConvertToInt()) {
            throw new InvalidRequest("tokenType is missing");
        }
        PushTokenType type = PushTokenType.of(node.path("tokenType").asInt());
        if (type == null) {
            throw new InvalidRequest("tokenType is not a push token type");
        }
        byte[] token = base64(node, "token", MAX_TOKEN_BYTES, true);
        if (token.length == 0) {
            throw new InvalidRequest("token is empty");
        }
        byte[] payload = base64(node, "encryptedPayload", MAX_PAYLOAD_BYTES, false);
        byte[] nonce = base64(node, "nonce", NONCE_BYTES, false);
        if ((payload == null) != (nonce == null) || (nonce != null && nonce.length != NONCE_BYTES)) {
            throw new InvalidRequest("encryptedPayload and a 24-byte nonce come together");
        }
        if (payload != null && payload.length < MIN_PAYLOAD_BYTES) {
            throw new InvalidRequest("encryptedPayload is shorter than a secretbox MAC");
        }
        return new InternalPushRequest(identity, type, token, payload, nonce, topic(node));
    }

    /** A bundle id (letters, digits, '-', '.'), since it becomes the {@code apns-topic} header. */
    private static String topic(JsonNode node) throws InvalidRequest {
        JsonNode value = node.get("topic");
        if (value == null || value.isNull()) {
            return null;
        }
        String topic = value.asString("");
        if (topic.isEmpty() || topic.length() > MAX_TOPIC_LENGTH) {
            throw new InvalidRequest("topic is empty or too long");
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
                throw new InvalidRequest("topic is not a bundle id");
            }
        }
        return topic;
    }

    private static byte[] base64(JsonNode node, String field, int maxBytes, boolean required) throws InvalidRequest {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new InvalidRequest(field + " is missing");
            }
            return null;
        }
        String text = value.asString("");
        // The text bound keeps decoding from allocating more than a few bytes over the limit; base64
        // rounds up to whole groups, so the decoded length is checked as well.
        if (text.length() > (maxBytes + 2) / 3 * 4) {
            throw new InvalidRequest(field + " is too long");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(field + " is not base64");
        }
        if (decoded.length > maxBytes) {
            throw new InvalidRequest(field + " is too long");
        }
        return decoded;
    }
}
