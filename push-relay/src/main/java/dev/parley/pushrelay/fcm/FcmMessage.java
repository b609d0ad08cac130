package dev.parley.pushrelay.fcm;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An FCM v1 {@code messages:send} body: the device token, the data map (FCM takes strings only),
 * high priority, the time to live and an optional collapse key. Written out by hand: a wake-up is a
 * handful of short strings, and building a JSON tree for it and serialising that cost more than the
 * rest of what the relay does with it.
 */
public record FcmMessage(String token, Map<String, String> data, long ttlSeconds, String collapseKey) {

    /** Keeps the caller's order of data entries, so that the same push gives the same bytes. */
    public FcmMessage {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** {@code {"message":{"token":…,"data":{…},"android":{"collapse_key"?:…,"priority":"HIGH","ttl":"<n>s"}}}}. */
    public byte[] toJson() {
        StringBuilder json = new StringBuilder(160 + token.length());
        json.append("{\"message\":{\"token\":");
        quote(json, token);
        json.append(",\"data\":{");
        boolean first = true;
        for (Map.Entry<String, String> entry : data.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            quote(json, entry.getKey());
            json.append(':');
            quote(json, entry.getValue());
        }
        json.append("},\"android\":{");
        if (collapseKey != null) {
            json.append("\"collapse_key\":");
            quote(json, collapseKey);
            json.append(',');
        }
        json.append("\"priority\":\"HIGH\",\"ttl\":\"").append(ttlSeconds).append("s\"}}}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string (RFC 8259 §7): quote, backslash and control characters escaped, the rest as is. */
    static void quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
