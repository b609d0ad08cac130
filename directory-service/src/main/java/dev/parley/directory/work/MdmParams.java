package dev.parley.directory.work;

import dev.parley.directory.web.BadRequestException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * MDM parameters as the Work clients read them in {@code fetch2}: a flat object whose values are
 * strings, numbers or booleans. Anything else would make the client drop the whole sync, so it
 * is refused when the operator sets it rather than when a client fetches it.
 */
final class MdmParams {

    static final int MAX_PARAMS = 200;
    static final int MAX_KEY = 64;
    static final int MAX_STRING = 4096;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private MdmParams() {
    }

    /** Validates an object node from the admin API into parameter values. */
    static Map<String, Object> of(JsonNode params) {
        if (params == null || params.isNull()) {
            return Map.of();
        }
        if (!params.isObject() || params.size() > MAX_PARAMS) {
            throw new BadRequestException("params must be an object of at most " + MAX_PARAMS + " entries");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        params.properties().forEach(entry -> {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (key.isEmpty() || key.length() > MAX_KEY || !key.matches("[A-Za-z0-9_]+")) {
                throw new BadRequestException("invalid parameter name");
            }
            if (value.isString() && value.asString().length() <= MAX_STRING) {
                values.put(key, value.asString());
            } else if (value.isBoolean()) {
                values.put(key, value.booleanValue());
            } else if (value.isIntegralNumber() && value.canConvertToLong()) {
                values.put(key, value.longValue());
            } else if (value.isNumber()) {
                values.put(key, value.doubleValue());
            } else {
                throw new BadRequestException("parameter " + key + " must be a string, number or boolean");
            }
        });
        return values;
    }

    static String json(Map<String, Object> params) {
        return JSON.writeValueAsString(params);
    }

    /** Reads what {@link #json} stored; the column only ever holds validated parameters. */
    static Map<String, Object> parse(String stored) {
        if (stored == null || stored.isEmpty()) {
            return Map.of();
        }
        try {
            return of(JSON.readTree(stored));
        } catch (JacksonException | BadRequestException e) {
            throw new IllegalStateException("stored MDM parameters are not valid", e);
        }
    }
}
