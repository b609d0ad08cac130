package dev.parley.directory.work;

import static dev.parley.directory.WireClient.b64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.directory.DirectoryTestBase;
import dev.parley.directory.WireClient;
import dev.parley.directory.WireClient.Created;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** What a Work client learns about its colleagues' availability and its organisation's MDM settings in {@code fetch2}. */
class WorkAvailabilityAndMdmTest extends DirectoryTestBase {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WorkRepository repository;

    private WireClient wire;
    private WorkFixtures fixtures;

    @BeforeEach
    void setUp() {
        wire = new WireClient(api());
        fixtures = new WorkFixtures(wire, repository, jdbc);
    }

    /** {@code d2d_sync.WorkAvailabilityStatus{category, description}}, encoded by hand from the field numbers. */
    private static byte[] status(int category, String description) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (category != 0) {
            out.write(0x08);
            out.write(category);
        }
        byte[] text = description.getBytes(StandardCharsets.UTF_8);
        if (text.length > 0) {
            out.write(0x12);
            out.write(text.length);
            out.writeBytes(text);
        }
        return out.toByteArray();
    }

    /** {@code directory.WorkProperties{availability_status = 1}}. */
    private static byte[] properties(byte[] status) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x0a);
        out.write(status.length);
        out.writeBytes(status);
        return out.toByteArray();
    }

    private void upload(Created who, String first, byte[] properties) {
        Map<String, Object> fields = fixtures.credentials(first);
        fields.put("identity", who.id());
        fields.put("properties", b64(properties));
        fixtures.workChallenged(HttpMethod.POST, "api-client/v1/user-properties", fields, who.keys().secretKey())
                .expectStatus().isNoContent();
    }

    private JsonNode contact(JsonNode list, String id) {
        for (JsonNode contact : list) {
            if (contact.get("id").stringValue().equals(id)) {
                return contact;
            }
        }
        throw new AssertionError(id + " not in " + list);
    }

    @Test
    void availabilityIsTheUploadedStatusAndAbsentWhenNone() {
        Created busy = fixtures.colleague("Britt", "Busy", "c1");
        Created idle = fixtures.colleague("Ivar", "Idle", "c1");
        Created silent = fixtures.colleague("Sam", "Silent", "c1");
        byte[] busyStatus = status(2, "In a meeting");
        upload(busy, "Britt", properties(busyStatus));
        upload(idle, "Ivar", properties(status(0, "")));

        Map<String, Object> request = fixtures.credentials("Sam");
        request.put("contacts", List.of());
        JsonNode contacts = wire.post("fetch2", request).get("contacts");
        assertThat(Base64.getDecoder().decode(contact(contacts, busy.id()).get("availability").stringValue()))
                .containsExactly(busyStatus);
        assertThat(contact(contacts, idle.id()).has("availability")).isFalse();
        assertThat(contact(contacts, silent.id()).has("availability")).isFalse();

        request.put("contacts", List.of(busy.id()));
        JsonNode colleagues = wire.post("identities", request).get("contacts");
        assertThat(contact(colleagues, busy.id()).get("availability").stringValue()).isEqualTo(b64(busyStatus));
    }

    @Test
    void malformedPropertiesGiveNoAvailabilityRatherThanABrokenSync() {
        Created odd = fixtures.colleague("Olga", "Odd", "c1");
        upload(odd, "Olga", new byte[] {0x0a, 0x7f, 0x08});
        Map<String, Object> request = fixtures.credentials("Olga");
        request.put("contacts", List.of());
        assertThat(contact(wire.post("fetch2", request).get("contacts"), odd.id()).has("availability")).isFalse();
    }

    @Test
    void mdmParametersSetThroughTheAdminApiReachFetch2() {
        fixtures.colleague("Mia", "Mdm", "c1");
        String path = "/admin/v1/orgs/" + fixtures.orgId() + "/mdm";
        Map<String, Object> mdm = Map.of("override", true,
                "params", Map.of("th_disable_screenshots", true, "th_nickname", "Mia", "th_max_image_size", 3));
        admin().put().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(mdm).exchange().expectStatus().isOk();

        Map<String, Object> request = fixtures.credentials("Mia");
        request.put("contacts", List.of());
        JsonNode result = wire.post("fetch2", request).get("mdm");
        assertThat(result.get("override").booleanValue()).isTrue();
        assertThat(result.get("params").get("th_disable_screenshots").booleanValue()).isTrue();
        assertThat(result.get("params").get("th_nickname").stringValue()).isEqualTo("Mia");
        assertThat(result.get("params").get("th_max_image_size").intValue()).isEqualTo(3);

        admin().put().uri(path).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("params", Map.of("nested", Map.of("a", 1)))).exchange().expectStatus().isBadRequest();
        admin().put().uri("/admin/v1/orgs/999999999/mdm").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("params", Map.of())).exchange().expectStatus().isNotFound();
        assertThat(wire.post("fetch2", request).get("mdm").get("params").size()).isEqualTo(3);
    }
}
