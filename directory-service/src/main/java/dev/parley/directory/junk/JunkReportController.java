package dev.parley.directory.junk;

import dev.parley.directory.challenge.ChallengeFlow;
import dev.parley.directory.identity.IdentityService;
import dev.parley.directory.web.ApiException;
import dev.parley.directory.web.JsonRequest;
import dev.parley.service.jdbc.BlockingJdbc;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code identity/report_junk} (PROTOCOLS.md §1.8): a user reports a sender as junk. Operators see
 * how many identities reported someone through the admin API and decide; nothing is blocked
 * automatically, because reports are cheap to make and an automatic block would be cheap to abuse.
 */
@RestController
public class JunkReportController {

    private static final int MAX_NICKNAME = 256;

    private final ChallengeFlow challenge;
    private final IdentityService identities;
    private final BlockingJdbc jdbc;
    private final JunkReportRepository reports;

    public JunkReportController(ChallengeFlow challenge, IdentityService identities, BlockingJdbc jdbc,
                                JunkReportRepository reports) {
        this.challenge = challenge;
        this.identities = identities;
        this.jdbc = jdbc;
        this.reports = reports;
    }

    @PostMapping("identity/report_junk")
    public Mono<Map<String, Object>> reportJunk(@RequestBody JsonNode body) {
        JsonRequest request = JsonRequest.of(body);
        String id = request.identity("identity");
        String sender = request.identity("senderIdentity");
        String nickname = request.optString("senderNickname", MAX_NICKNAME);
        return challenge.run(request, "identity/report_junk", id, identities.challengeKey(id), () -> {
            if (sender.equals(id)) {
                return Mono.error(new ApiException("Cannot report yourself"));
            }
            return identities.find(sender)
                    .switchIfEmpty(Mono.error(() -> new ApiException("Unknown sender identity")))
                    .flatMap(found -> jdbc.call(client -> {
                        reports.report(client, sender, id, nickname);
                        return Map.<String, Object>of("success", true);
                    }));
        });
    }
}
