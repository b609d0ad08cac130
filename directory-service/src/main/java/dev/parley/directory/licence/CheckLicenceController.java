package dev.parley.directory.licence;

import dev.parley.directory.web.JsonRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code check_license} (PROTOCOLS.md §1.8, no challenge): the app asks at start whether its
 * licence key or Work credentials are still good, with the same check {@code identity/create}
 * applies. A refusal is an application error ({@code success: false} with the reason).
 */
@RestController
public class CheckLicenceController {

    private static final int MAX_FIELD = 256;

    private final LicenceCheck licence;

    public CheckLicenceController(LicenceCheck licence) {
        this.licence = licence;
    }

    @PostMapping("check_license")
    public Mono<Map<String, Object>> checkLicence(@RequestBody JsonNode body) {
        JsonRequest request = JsonRequest.of(body);
        // Bounded even though unused: the app sends them with every check.
        request.optString("deviceId", MAX_FIELD);
        request.optString("version", MAX_FIELD);
        request.optString("arch", MAX_FIELD);
        return licence.check(request).map(result -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("success", result.allowed());
            if (!result.allowed()) {
                answer.put("error", result.error());
            }
            return answer;
        });
    }
}
