package dev.parley.directory.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class IdentityJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Identity identity(String id, long mask, int type, Instant revokedAt) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 37 + 0xf0);
        }
        return new Identity(id, key, Identity.STATE_ACTIVE, type, mask, "0", Instant.EPOCH, null, null, revokedAt);
    }

    @Test
    void lookupIsTheSameDocumentAsTheGeneralSerializerWrites() {
        for (Identity identity : List.of(identity("ECHOECHO", 0, Identity.TYPE_REGULAR, null),
                identity("*GATEWAY", 0x7ff, Identity.TYPE_WORK, null),
                identity("ABCD1234", Long.MAX_VALUE, Identity.TYPE_REGULAR, Instant.EPOCH))) {
            // Byte for byte, field order included.
            assertThat(new String(IdentityJson.lookup(identity), StandardCharsets.US_ASCII))
                    .isEqualTo(JSON.writeValueAsString(identity.toLookupJson()));
        }
    }

    @Test
    void revokedIdentitiesReportStateInvalid() {
        JsonNode json = JSON.readTree(IdentityJson.lookup(identity("ABCD1234", 1, 0, Instant.EPOCH)));
        assertThat(json.get("state").intValue()).isEqualTo(Identity.STATE_INVALID);
    }

    @Test
    void bulkWrapsTheLookupsInOrder() {
        Identity a = identity("AAAAAAAA", 1, 0, null);
        Identity b = identity("BBBBBBBB", 3, 1, null);
        JsonNode json = JSON.readTree(IdentityJson.bulk(List.of(a, b)));
        assertThat(new String(IdentityJson.bulk(List.of(a, b)), StandardCharsets.US_ASCII))
                .isEqualTo(JSON.writeValueAsString(Map.of("identities", List.of(a.toLookupJson(), b.toLookupJson()))));
        assertThat(json.get("identities")).hasSize(2);
        assertThat(JSON.readTree(IdentityJson.bulk(List.of())).get("identities")).isEmpty();
    }
}
