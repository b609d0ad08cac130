package dev.parley.directory.matching;

import static dev.parley.directory.WireClient.b64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.encoding.Hex;
import dev.parley.directory.DirectoryTestBase;
import dev.parley.directory.WireClient;
import dev.parley.directory.WireClient.Created;
import dev.parley.directory.linking.LinkingTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@ExtendWith(OutputCaptureExtension.class)
class MatchApiTest extends DirectoryTestBase {

    @Autowired
    JdbcClient jdbc;

    private String matchToken(WireClient wire, Created who) {
        JsonNode token = wire.challenged("identity/match_token", Map.of("identity", who.id()), who.keys().secretKey());
        assertThat(token.get("success").booleanValue()).isTrue();
        return token.get("matchToken").stringValue();
    }

    @Test
    void matchesOnlyLinkedAddressesAndOnlySubmittedHashes() throws Exception {
        WireClient wire = new WireClient(api());
        Created alice = wire.create();
        Created bob = wire.create();
        String aliceEmail = alice.id().toLowerCase() + "@example.com";
        LinkingTestSupport.linkEmail(wire, api(), SMTP, alice, aliceEmail);
        // Bob asked for a link but never confirmed it: not matchable.
        wire.challenged("identity/link_email", Map.of("identity", bob.id(), "email", "bob-" + bob.id() + "@example.com",
                "lang", "en"), bob.keys().secretKey());

        String token = matchToken(wire, bob);
        JsonNode result = wire.post("identity/match", Map.of("matchToken", token,
                "emailHashes", List.of(b64(ContactHashes.email(aliceEmail)), b64(ContactHashes.email("bob-" + bob.id() + "@example.com"))),
                "mobileNoHashes", List.of(b64(ContactHashes.phone("41791234567")))));

        assertThat(result.get("checkInterval").intValue()).isPositive();
        assertThat(result.get("identities")).hasSize(1);
        JsonNode match = result.get("identities").get(0);
        assertThat(match.get("identity").stringValue()).isEqualTo(alice.id());
        assertThat(match.get("publicKey").stringValue()).isEqualTo(b64(alice.keys().publicKey()));
        assertThat(match.get("emailHash").stringValue()).isEqualTo(b64(ContactHashes.email(aliceEmail)));
        assertThat(match.has("mobileNoHash")).isFalse();
    }

    @Test
    void emailHashIsTheClientsHmac() {
        // HMAC-SHA256 with the published key over the normalised address, computed independently.
        byte[] expected = dev.parley.common.crypto.Hmac.sha256(
                Hex.decode("30a5500fed9701fa6defdb610841900febb8e430881f7ad816826264ec09bad7"),
                "alice@example.com".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(ContactHashes.email("  Alice@Example.COM ")).isEqualTo(expected);
        assertThat(ContactHashes.phone("+41 79 123 45 67")).isEqualTo(ContactHashes.phone("41791234567"));
    }

    @Test
    void revokedIdentitiesAreNotMatched() throws Exception {
        WireClient wire = new WireClient(api());
        Created alice = wire.create();
        String email = alice.id().toLowerCase() + "@example.info";
        LinkingTestSupport.linkEmail(wire, api(), SMTP, alice, email);
        Created bob = wire.create();
        String token = matchToken(wire, bob);
        Map<String, Object> request = Map.of("matchToken", token, "emailHashes", List.of(b64(ContactHashes.email(email))),
                "mobileNoHashes", List.of());
        assertThat(wire.post("identity/match", request).get("identities")).hasSize(1);

        wire.challenged("identity/revoke", Map.of("identity", alice.id()), alice.keys().secretKey());
        assertThat(wire.post("identity/match", request).get("identities")).isEmpty();
    }

    @Test
    void needsAValidMatchToken() {
        WireClient wire = new WireClient(api());
        JsonNode missing = wire.post("identity/match", Map.of("emailHashes", List.of(), "mobileNoHashes", List.of()));
        assertThat(missing.get("success").booleanValue()).isFalse();
        JsonNode invalid = wire.post("identity/match", Map.of("matchToken", "nope", "emailHashes", List.of(), "mobileNoHashes", List.of()));
        assertThat(invalid.get("success").booleanValue()).isFalse();
        wire.exchange("identity/match", Map.of("matchToken", "x", "emailHashes", "notalist")).expectStatus().isBadRequest();
    }

    @Test
    void submittedHashesReachNeitherTheDatabaseNorTheLog(CapturedOutput output) {
        WireClient wire = new WireClient(api());
        Created bob = wire.create();
        byte[] emailHash = CryptoRandom.bytes(32);
        byte[] phoneHash = CryptoRandom.bytes(32);
        wire.post("identity/match", Map.of("matchToken", matchToken(wire, bob),
                "emailHashes", List.of(b64(emailHash)), "mobileNoHashes", List.of(b64(phoneHash))));
        // A rejected request must not leak them either.
        wire.post("identity/match", Map.of("matchToken", "invalid", "emailHashes", List.of(b64(emailHash)),
                "mobileNoHashes", List.of(b64(phoneHash))));

        String everything = dumpSchema();
        for (byte[] hash : List.of(emailHash, phoneHash)) {
            assertThat(everything).doesNotContain(Hex.encode(hash)).doesNotContain(b64(hash));
            assertThat(output.getAll()).doesNotContain(Hex.encode(hash)).doesNotContain(b64(hash));
        }
        assertThat(everything).contains(bob.id());
    }

    /** Every row of every table of the service's schema, as text (bytea shows as hex). */
    private String dumpSchema() {
        List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'directory'")
                .query(String.class).list();
        StringBuilder all = new StringBuilder();
        for (String table : tables) {
            jdbc.sql("SELECT t::text FROM directory.\"" + table + "\" t").query(String.class).list()
                    .forEach(row -> all.append(row).append('\n'));
        }
        return all.toString();
    }
}
