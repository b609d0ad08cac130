package dev.parley.pushrelay.apns;

import tools.jackson.databind.node.ObjectNode;

/**
 * One APNs request: device token (hex), topic, push type ({@code alert} or {@code voip}), expiration
 * in Unix seconds (0 = deliver once or drop), optional collapse id, and the JSON payload.
 */
public record ApnsNotification(String deviceToken, String topic, String pushType, long expiration,
        String collapseId, boolean production, ObjectNode payload) {
}
