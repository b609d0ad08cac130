package dev.parley.directory.licence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.directory.DirectoryTestBase;
import dev.parley.directory.WireClient;
import dev.parley.directory.work.Passwords;
import dev.parley.directory.work.WorkRepository;
import dev.parley.directory.work.WorkService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@code check_license}: the same decision as identity creation, answered as an application result. */
class CheckLicenceApiTest extends DirectoryTestBase {

    @Test
    void openRegistrationAcceptsEveryApp() {
        JsonNode result = new WireClient(api()).post("check_license",
                Map.of("licenseKey", "anything", "deviceId", "d1", "version", "6.0;A;de/CH;test;14", "arch", "arm64"));
        assertThat(result.get("success").booleanValue()).isTrue();
        new WireClient(api()).exchange("check_license", Map.of("deviceId", "x".repeat(300))).expectStatus().isBadRequest();
    }

    @Test
    void workModeChecksTheCredentials(@Autowired WorkService work, @Autowired WorkRepository repository,
                                      @Autowired JdbcClient jdbc) {
        String user = "licence-" + System.nanoTime();
        long org = repository.createOrg(jdbc, "Licence org " + user, null, null, null, true);
        repository.createUser(jdbc, org, user, Passwords.hash("right pw"), null, null, null, null, null, List.of());
        CheckLicenceController controller = new CheckLicenceController(LicenceChecksAccess.work(work));
        ObjectMapper json = new ObjectMapper();

        Map<String, Object> good = controller.checkLicence(json.valueToTree(
                Map.of("licenseUsername", user, "licensePassword", "right pw", "version", "6.0"))).block();
        assertThat(good).containsEntry("success", true).doesNotContainKey("error");
        Map<String, Object> bad = controller.checkLicence(json.valueToTree(
                Map.of("licenseUsername", user, "licensePassword", "wrong"))).block();
        assertThat(bad).containsEntry("success", false).containsEntry("error", "Invalid Work credentials");
    }
}
