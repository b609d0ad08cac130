package dev.parley.directory.licence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.directory.web.JsonRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

class LicenceKeyCheckTest {

    private final ObjectMapper json = new ObjectMapper();

    private LicenceCheck.Result check(Map<String, Object> body) {
        return LicenceChecks.licenceKeys(List.of("KEY-ONE", "KEY-TWO")).check(JsonRequest.of(json.valueToTree(body))).block();
    }

    @Test
    void acceptsOnlyConfiguredKeys() {
        assertThat(check(Map.of("licenseKey", "KEY-TWO")).allowed()).isTrue();
        assertThat(check(Map.of("licenseKey", "KEY-THREE")).allowed()).isFalse();
        assertThat(check(Map.of("licenseKey", "KEY-TW")).allowed()).isFalse();
        assertThat(check(Map.of()).error()).isEqualTo("License key required");
    }
}
