package dev.parley.directory.junk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.directory.DirectoryTestBase;
import dev.parley.directory.WireClient;
import dev.parley.directory.WireClient.Created;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JunkReportApiTest extends DirectoryTestBase {

    private long reporters(String id) {
        return admin().get().uri("/admin/v1/identities/" + id + "/junk-reports").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("reporters") instanceof Number n ? n.longValue() : -1;
    }

    private boolean report(WireClient wire, Created reporter, String sender) {
        Map<String, Object> fields = new HashMap<>(Map.of("identity", reporter.id(), "senderIdentity", sender,
                "senderNickname", "Spam King"));
        return wire.challenged("identity/report_junk", fields, reporter.keys().secretKey()).get("success").booleanValue();
    }

    @Test
    void reportsAreCountedOncePerReporter() {
        WireClient wire = new WireClient(api());
        Created spammer = wire.create();
        Created alice = wire.create();
        Created bob = wire.create();
        assertThat(reporters(spammer.id())).isZero();

        assertThat(report(wire, alice, spammer.id())).isTrue();
        assertThat(report(wire, alice, spammer.id())).isTrue();
        assertThat(reporters(spammer.id())).isEqualTo(1);
        assertThat(report(wire, bob, spammer.id())).isTrue();
        assertThat(reporters(spammer.id())).isEqualTo(2);
    }

    @Test
    void unknownSendersSelfReportsAndBadInput() {
        WireClient wire = new WireClient(api());
        Created carol = wire.create();
        assertThat(report(wire, carol, "ZZZZZZZZ")).isFalse();
        assertThat(report(wire, carol, carol.id())).isFalse();
        assertThat(reporters(carol.id())).isZero();
        wire.exchange("identity/report_junk", Map.of("identity", carol.id(), "senderIdentity", "bad")).expectStatus().isBadRequest();
        admin().get().uri("/admin/v1/identities/nope/junk-reports").exchange().expectStatus().isNotFound();
    }
}
