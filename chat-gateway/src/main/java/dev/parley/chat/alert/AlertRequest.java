package dev.parley.chat.alert;

import dev.parley.common.identity.ThreemaId;
import dev.parley.service.internal.InvalidRequest;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * An operator alert: {@code {"message": "...", "identity": "ABCD1234"?}}; without an identity it
 * goes to everyone connected anywhere in the cluster.
 *
 * @param message the text clients show, at most {@link #MAX_MESSAGE_BYTES} bytes of UTF-8
 * @param identity the one identity whose devices get it, or empty for everyone
 */
record AlertRequest(String message, Optional<ThreemaId> identity) {

    /**
     * A CSP frame holds at most 8192 bytes: 16 of them are the box's MAC and 4 the container
     * header, leaving 8172 for the text. Half of a frame is far more than any notice needs, keeps
     * an alert a single small write per connection (a broadcast seals one frame per connection),
     * and keeps its base64 form in the node-to-node message under 6 KB.
     */
    static final int MAX_MESSAGE_BYTES = 4096;

    /**
     * The request body bound: the longest message written with JSON escapes (at worst a
     * six-character escape for each UTF-8 byte) plus room for the identity and the punctuation.
     */
    static final int MAX_BODY_BYTES = 6 * MAX_MESSAGE_BYTES + 1024;

    /** Validates the body, a JSON object, before anything is allocated for sending. */
    static AlertRequest parse(JsonNode node) throws InvalidRequest {
        JsonNode message = node.get("message");
        if (message == null || message.isNull()) {
            throw new InvalidRequest("message is missing");
        }
        if (!message.isString()) {
            throw new InvalidRequest("message is not a string");
        }
        String text = message.stringValue();
        if (text.isBlank()) {
            throw new InvalidRequest("message is empty");
        }
        int bytes = Utf8.length(text);
        if (bytes < 0) {
            throw new InvalidRequest("message is not valid Unicode");
        }
        if (bytes > MAX_MESSAGE_BYTES) {
            throw new InvalidRequest("message is longer than " + MAX_MESSAGE_BYTES + " bytes of UTF-8");
        }
        JsonNode identity = node.get("identity");
        if (identity == null || identity.isNull()) {
            return new AlertRequest(text, Optional.empty());
        }
        if (!identity.isString() || !ThreemaId.isValid(identity.stringValue())) {
            throw new InvalidRequest("identity is not a Threema ID");
        }
        return new AlertRequest(text, Optional.of(ThreemaId.of(identity.stringValue())));
    }
}
