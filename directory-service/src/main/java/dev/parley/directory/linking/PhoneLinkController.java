package dev.parley.directory.linking;

import dev.parley.common.crypto.ConstantTime;
import dev.parley.common.crypto.CryptoRandom;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code identity/link_mobileno} and {@code identity/link_mobileno_call} (PROTOCOLS.md §1.6):
 * an 8-digit code goes out through the {@link SmsProvider}; codes expire, answer once, allow a
 * few wrong tries, and an identity may start only a few verifications per day.
 */
@RestController
public class PhoneLinkController {

    private static final Logger log = LoggerFactory.getLogger(PhoneLinkController.class);
    private static final int MAX_NUMBER = 32;

    private final ChallengeFlow challenge;
    private final IdentityService identities;
    private final BlockingJdbc jdbc;
    private final LinkedAddressRepository linked;
    private final VerificationStore verifications;
    private final SmsProvider sms;
    private final RateLimiter rateLimiter;
    private final DirectoryProperties.Linking config;

    public PhoneLinkController(ChallengeFlow challenge, IdentityService identities, BlockingJdbc jdbc,
                               LinkedAddressRepository linked, VerificationStore verifications, SmsProvider sms,
                               RateLimiter rateLimiter, DirectoryProperties properties) {
        this.challenge = challenge;
        this.identities = identities;
        this.jdbc = jdbc;
        this.linked = linked;
        this.verifications = verifications;
        this.sms = sms;
        this.rateLimiter = rateLimiter;
        this.config = properties.linking();
    }

    @PostMapping("identity/link_mobileno")
    public Mono<Map<String, Object>> linkMobileNo(@RequestBody JsonNode body) {
        JsonRequest request = JsonRequest.of(body);
        if (request.has("verificationId")) {
            return verify(request.string("verificationId", 64), request.string("code", 16));
        }
        String id = request.identity("identity");
        String number = ContactHashes.digits(request.string("mobileNo", MAX_NUMBER));
        if (!request.string("mobileNo", MAX_NUMBER).isEmpty() && (number.length() < 6 || number.length() > 15)) {
            throw new BadRequestException("invalid mobile number");
        }
        byte[] hash = number.isEmpty() ? null : ContactHashes.phone(number);
        if (!request.has("token")) {
            return identities.requireUsable(id)
                    .then(jdbc.call(client -> linked.linkedHash(client, Kind.PHONE, id)))
                    .flatMap(current -> (hash == null ? current.isEmpty()
                            : current.isPresent() && ConstantTime.equals(current.get(), hash))
                            ? Mono.just(Map.<String, Object>of("linked", true))
                            : challenge.run(request, "identity/link_mobileno", id, identities.challengeKey(id),
                                    Map.of("linked", false), Mono::empty));
        }
        return challenge.run(request, "identity/link_mobileno", id, identities.challengeKey(id), () -> {
            if (hash == null) {
                return jdbc.call(client -> linked.unlink(client, Kind.PHONE, id)).thenReturn(Map.of("success", true));
            }
            String code = code();
            return rateLimiter.tryTake("link:" + id, config.verificationsPerDay(), Duration.ofDays(1))
                    .flatMap(allowed -> allowed ? verifications.putPhone(id, hash, number, code, config.phoneCodeTtl())
                            : Mono.error(new ApiException("Too many verification attempts; try again tomorrow")))
                    .flatMap(verificationId -> sms.send(SmsProvider.Kind.SMS, number, code, text(code))
                            .thenReturn(Map.<String, Object>of("success", true, "verificationId", verificationId)))
                    .onErrorResume(e -> !(e instanceof ApiException), e -> {
                        log.warn("verification SMS for {} not sent: {}", id, e.toString());
                        return Mono.error(new ApiException("Verification code could not be sent"));
                    });
        });
    }

    @PostMapping("identity/link_mobileno_call")
    public Mono<Map<String, Object>> call(@RequestBody JsonNode body) {
        String verificationId = JsonRequest.of(body).string("verificationId", 64);
        return verifications.getPhone(verificationId)
                .switchIfEmpty(Mono.error(() -> new ApiException("Verification expired or unknown")))
                .flatMap(pending -> verifications.claimCall(verificationId).flatMap(first -> first
                        ? sms.send(SmsProvider.Kind.CALL, pending.number(), pending.code(), spoken(pending.code()))
                                .thenReturn(Map.<String, Object>of("success", true))
                        : Mono.error(new ApiException("A call was already made for this verification"))))
                .onErrorResume(e -> !(e instanceof ApiException), e -> {
                    log.warn("verification call not placed: {}", e.toString());
                    return Mono.error(new ApiException("Verification call could not be placed"));
                });
    }

    private Mono<Map<String, Object>> verify(String verificationId, String code) {
        return verifications.getPhone(verificationId)
                .switchIfEmpty(Mono.error(() -> new ApiException("Verification expired or unknown")))
                .flatMap(pending -> {
                    boolean right = ConstantTime.equals(pending.code().getBytes(StandardCharsets.US_ASCII),
                            pad(code, pending.code().length()));
                    if (!right || code.length() != pending.code().length()) {
                        return verifications.wrongCode(verificationId).flatMap(wrong -> wrong >= config.codeAttempts()
                                ? verifications.removePhone(verificationId).then(Mono.error(new ApiException("Too many wrong codes")))
                                : Mono.error(new ApiException("Wrong code")));
                    }
                    return verifications.removePhone(verificationId).flatMap(removed -> removed
                            ? jdbc.call(client -> {
                                linked.link(client, Kind.PHONE, pending.identity(), pending.hash());
                                return Map.<String, Object>of("success", true);
                            })
                            : Mono.error(new ApiException("Verification expired or unknown")));
                });
    }

    /** Same length as the expected code, so the comparison takes the same time for any input. */
    private static byte[] pad(String code, int length) {
        byte[] out = new byte[length];
        byte[] raw = code.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(raw, 0, out, 0, Math.min(raw.length, length));
        return out;
    }

    /** Eight uniformly random decimal digits. */
    static String code() {
        StringBuilder code = new StringBuilder(8);
        while (code.length() < 8) {
            for (byte b : CryptoRandom.bytes(16)) {
                int value = b & 0xff;
                if (value < 250 && code.length() < 8) {
                    code.append(value % 10);
                }
            }
        }
        return code.toString();
    }

    private static String text(String code) {
        return "Your verification code: " + code;
    }

    private static String spoken(String code) {
        return "Your verification code is " + String.join(" ", code.split(""));
    }
}
