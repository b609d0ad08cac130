package dev.parley.directory.web;

import dev.parley.common.identity.ThreemaId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Typed, bounded access to a JSON request body. Every accessor rejects a missing or malformed
 * field with {@link BadRequestException} (400) before anything is allocated from it.
 */
public record JsonRequest(JsonNode body) {

    public static JsonRequest of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new BadRequestException("request body must be a JSON object");
        }
        return new JsonRequest(body);
    }

    public boolean has(String name) {
        return body.hasNonNull(name);
    }

    public String string(String name, int maxLength) {
        JsonNode node = body.get(name);
        if (node == null || !node.isString()) {
            throw new BadRequestException("missing or invalid field: " + name);
        }
        String value = node.stringValue();
        if (value.length() > maxLength) {
            throw new BadRequestException("field too long: " + name);
        }
        return value;
    }

    public String optString(String name, int maxLength) {
        return has(name) ? string(name, maxLength) : null;
    }

    public String identity(String name) {
        String value = string(name, ThreemaId.LENGTH);
        if (!ThreemaId.isValid(value)) {
            throw new BadRequestException("invalid identity: " + name);
        }
        return value;
    }

    /** A base64 field that must decode to exactly {@code length} bytes. */
    public byte[] base64(String name, int length) {
        byte[] value = base64Bounded(name, length);
        if (value.length != length) {
            throw new BadRequestException("invalid length: " + name);
        }
        return value;
    }

    /** A base64 field of at most {@code maxLength} decoded bytes. */
    public byte[] base64Bounded(String name, int maxLength) {
        return decodeBase64(string(name, (maxLength + 2) / 3 * 4), name);
    }

    public static byte[] decodeBase64(String text, String name) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("invalid base64: " + name);
        }
    }

    public long longValue(String name) {
        JsonNode node = body.get(name);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new BadRequestException("missing or invalid field: " + name);
        }
        return node.longValue();
    }

    public boolean optBoolean(String name) {
        JsonNode node = body.get(name);
        return node != null && node.isBoolean() && node.booleanValue();
    }

    /** An array of strings with at most {@code maxItems} entries of at most {@code maxLength} characters. */
    public List<String> strings(String name, int maxItems, int maxLength) {
        JsonNode node = body.get(name);
        if (node == null || !node.isArray()) {
            throw new BadRequestException("missing or invalid field: " + name);
        }
        if (node.size() > maxItems) {
            throw new BadRequestException("too many entries: " + name);
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!item.isString() || item.stringValue().length() > maxLength) {
                throw new BadRequestException("invalid entry in " + name);
            }
            values.add(item.stringValue());
        }
        return values;
    }

    public List<String> optStrings(String name, int maxItems, int maxLength) {
        return has(name) ? strings(name, maxItems, maxLength) : List.of();
    }

    /** Identities in request order; malformed entries are a 400. */
    public List<String> identities(String name, int maxItems) {
        List<String> values = strings(name, maxItems, ThreemaId.LENGTH);
        for (String value : values) {
            if (!ThreemaId.isValid(value)) {
                throw new BadRequestException("invalid identity in " + name);
            }
        }
        return values;
    }
}
