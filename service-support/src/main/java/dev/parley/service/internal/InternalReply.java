package dev.parley.service.internal;

import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * What an internal endpoint answers: a status, a JSON body and any extra headers.
 *
 * @param status the HTTP status
 * @param json the body, already JSON
 * @param headers further response headers, such as {@code Retry-After}
 */
public record InternalReply(HttpStatus status, String json, Map<String, String> headers) {

    public InternalReply {
        headers = Map.copyOf(headers);
    }

    public static InternalReply json(HttpStatus status, String json) {
        return new InternalReply(status, json, Map.of());
    }

    /**
     * A body of one text field, {@code {"<field>":"<text>"}}. The text is written as it is, so it
     * must be a constant of the service, never an echo of the request.
     */
    public static InternalReply text(HttpStatus status, String field, String text) {
        return json(status, "{\"" + field + "\":\"" + text + "\"}");
    }

    public InternalReply withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new InternalReply(status, json, more);
    }
}
