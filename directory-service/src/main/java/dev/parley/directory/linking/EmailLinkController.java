package dev.parley.directory.linking;

import dev.parley.common.crypto.ConstantTime;
import dev.parley.directory.DirectoryProperties;
import dev.parley.directory.challenge.ChallengeFlow;
import dev.parley.directory.identity.IdentityService;
import dev.parley.directory.matching.ContactHashes;
import dev.parley.directory.matching.LinkedAddressRepository;
import dev.parley.directory.matching.LinkedAddressRepository.Kind;
import dev.parley.service.jdbc.BlockingJdbc;
import dev.parley.directory.ratelimit.RateLimiter;
import dev.parley.directory.web.ApiException;
import dev.parley.directory.web.BadRequestException;
import dev.parley.directory.web.JsonRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code identity/link_email} (PROTOCOLS.md §1.6): phase 1 (and the status check) says whether
 * the address is linked; phase 2 sends a one-time confirmation link, or unlinks for {@code ""}.
 * Only the address's hash is stored, and only once the link is confirmed.
 */
@RestController
public class EmailLinkController {

    private static final Logger log = LoggerFactory.getLogger(EmailLinkController.class);
    static final int MAX_EMAIL = 254;

    private final ChallengeFlow challenge;
    private final IdentityService identities;
    private final BlockingJdbc jdbc;
    private final LinkedAddressRepository linked;
    private final VerificationStore verifications;
    private final VerificationMailer mailer;
    private final RateLimiter rateLimiter;
    private final DirectoryProperties.Linking config;

    public EmailLinkController(ChallengeFlow challenge, IdentityService identities, BlockingJdbc jdbc,
                               LinkedAddressRepository linked, VerificationStore verifications, VerificationMailer mailer,
                               RateLimiter rateLimiter, DirectoryProperties properties) {
        this.challenge = challenge;
        this.identities = identities;
        this.jdbc = jdbc;
        this.linked = linked;
        this.verifications = verifications;
        this.mailer = mailer;
        this.rateLimiter = rateLimiter;
        this.config = properties.linking();
    }

    @PostMapping("identity/link_email")
    public Mono<Map<String, Object>> linkEmail(@RequestBody JsonNode body) {
        JsonRequest request = JsonRequest.of(body);
        String id = request.identity("identity");
        String email = request.string("email", MAX_EMAIL).trim();
        if (!email.isEmpty() && !plausibleEmail(email)) {
            throw new BadRequestException("invalid email address");
        }
        byte[] hash = email.isEmpty() ? null : ContactHashes.email(email);
        if (!request.has("token")) {
            return identities.requireUsable(id)
                    .then(jdbc.call(client -> linked.linkedHash(client, Kind.EMAIL, id)))
                    .flatMap(current -> isLinked(current, hash)
                            ? Mono.just(Map.<String, Object>of("linked", true))
                            : challenge.run(request, "identity/link_email", id, identities.challengeKey(id),
                                    Map.of("linked", false), Mono::empty));
        }
        return challenge.run(request, "identity/link_email", id, identities.challengeKey(id), () -> {
            if (hash == null) {
                return jdbc.call(client -> linked.unlink(client, Kind.EMAIL, id)).thenReturn(Map.of("success", true));
            }
            return rateLimiter.tryTake("link:" + id, config.verificationsPerDay(), Duration.ofDays(1))
                    .flatMap(allowed -> allowed ? verifications.putEmail(id, hash, config.emailLinkTtl())
                            : Mono.error(new ApiException("Too many verification attempts; try again tomorrow")))
                    .flatMap(verificationId -> mailer.send(email, id, verificationId))
                    .thenReturn(Map.<String, Object>of("success", true))
                    .onErrorResume(e -> !(e instanceof ApiException), e -> {
                        log.warn("verification email for {} not sent: {}", id, e.toString());
                        return Mono.error(new ApiException("Verification email could not be sent"));
                    });
        });
    }

    private static boolean isLinked(Optional<byte[]> current, byte[] hash) {
        if (hash == null) {
            return current.isEmpty();
        }
        return current.isPresent() && ConstantTime.equals(current.get(), hash);
    }

    static boolean plausibleEmail(String email) {
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@') || at == email.length() - 1) {
            return false;
        }
        for (int i = 0; i < email.length(); i++) {
            char c = email.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
