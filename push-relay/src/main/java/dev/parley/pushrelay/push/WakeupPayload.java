package dev.parley.pushrelay.push;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The data a Threema Web wake-up carries to the device: {@code wcs} session, {@code wca} affiliation
 * (omitted when absent), {@code wct} Unix seconds and {@code wcv} version. FCM data maps only hold
 * strings, so FCM gets {@code wct}/{@code wcv} as strings; every other provider gets numbers.
 */
public record WakeupPayload(String session, String affiliation, int version, long timestamp) {

    /** The FCM data map: every value a string, in the order of {@link #toJson}. */
    public Map<String, String> fcmData() {
        Map<String, String> data = new LinkedHashMap<>(8);
        data.put("wcs", session);
        if (affiliation != null) {
            data.put("wca", affiliation);
        }
        data.put("wct", Long.toString(timestamp));
        data.put("wcv", Integer.toString(version));
        return data;
    }

    public ObjectNode toJson(boolean numbersAsStrings) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("wcs", session);
        if (affiliation != null) {
            node.put("wca", affiliation);
        }
        if (numbersAsStrings) {
            node.put("wct", Long.toString(timestamp));
            node.put("wcv", Integer.toString(version));
        } else {
            node.put("wct", timestamp);
            node.put("wcv", version);
        }
        return node;
    }
}
