package dev.parley.pushrelay.fcm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The hand-written FCM body against the same message built as a Jackson tree. */
class FcmMessageTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final char[] CHARS = {'a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\r', '\t', '\b', '\f', '\u0000',
            '\u001f', '\u007f', 'ä', '€', '\u2028', '{', '}', ':', ','};

    @Test
    void exactBytesOfAWakeup() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("wcs", "ab");
        data.put("wct", "1700000000");
        data.put("wcv", "5");
        assertThat(new String(new FcmMessage("t", data, 90, "relay.k").toJson(), StandardCharsets.UTF_8))
                .isEqualTo("{\"message\":{\"token\":\"t\",\"data\":{\"wcs\":\"ab\",\"wct\":\"1700000000\",\"wcv\":\"5\"},"
                        + "\"android\":{\"collapse_key\":\"relay.k\",\"priority\":\"HIGH\",\"ttl\":\"90s\"}}}");
        assertThat(new String(new FcmMessage("t", Map.of(), 0, null).toJson(), StandardCharsets.UTF_8))
                .isEqualTo("{\"message\":{\"token\":\"t\",\"data\":{},\"android\":{\"priority\":\"HIGH\",\"ttl\":\"0s\"}}}");
    }

    @Test
    void randomTextParsesBackToTheSameTree() {
        Random random = new Random(4242);
        for (int run = 0; run < 5_000; run++) {
            String token = text(random);
            Map<String, String> data = new LinkedHashMap<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                data.put(text(random), text(random));
            }
            String collapseKey = random.nextBoolean() ? null : text(random);
            long ttl = random.nextLong(0, 0xffff_ffffL + 1);
            JsonNode written = JSON.readTree(new FcmMessage(token, data, ttl, collapseKey).toJson());
            assertThat(written).as(token).isEqualTo(tree(token, data, ttl, collapseKey));
        }
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.append(CHARS[random.nextInt(CHARS.length)]);
        }
        return text.toString();
    }

    private static ObjectNode tree(String token, Map<String, String> data, long ttl, String collapseKey) {
        ObjectNode android = JsonNodeFactory.instance.objectNode();
        if (collapseKey != null) {
            android.put("collapse_key", collapseKey);
        }
        android.put("priority", "HIGH");
        android.put("ttl", ttl + "s");
        ObjectNode dataNode = JsonNodeFactory.instance.objectNode();
        data.forEach(dataNode::put);
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.put("token", token);
        message.set("data", dataNode);
        message.set("android", android);
        return JsonNodeFactory.instance.objectNode().set("message", message);
    }
}
