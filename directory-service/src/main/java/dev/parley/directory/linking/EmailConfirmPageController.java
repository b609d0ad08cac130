package dev.parley.directory.linking;

import dev.parley.directory.matching.LinkedAddressRepository;
import dev.parley.directory.matching.LinkedAddressRepository.Kind;
import dev.parley.service.jdbc.BlockingJdbc;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The landing page of the verification link. Opening the link (GET) only shows a button: mail
 * scanners fetch links, and a GET must not link an address. Pressing it (POST) consumes the
 * one-time verification and stores the address's hash.
 */
@RestController
public class EmailConfirmPageController {

    private static final int MAX_ID = 64;

    private final VerificationStore verifications;
    private final BlockingJdbc jdbc;
    private final LinkedAddressRepository linked;

    public EmailConfirmPageController(VerificationStore verifications, BlockingJdbc jdbc, LinkedAddressRepository linked) {
        this.verifications = verifications;
        this.jdbc = jdbc;
        this.linked = linked;
    }

    @GetMapping(path = "identity/link_email/confirm", produces = MediaType.TEXT_HTML_VALUE)
    public Mono<ResponseEntity<String>> page(@RequestParam(name = "v", defaultValue = "") String verificationId) {
        if (!validId(verificationId)) {
            return Mono.just(html(404, "This link is not valid."));
        }
        return verifications.peekEmail(verificationId)
                .map(pending -> html(200, "<p>Link this email address to the ID <b>" + pending.identity() + "</b>?</p>"
                        + "<form method=\"post\"><input type=\"hidden\" name=\"v\" value=\"" + verificationId + "\">"
                        + "<button type=\"submit\">Confirm</button></form>"))
                .defaultIfEmpty(html(404, "This link has expired or was already used."));
    }

    @PostMapping(path = "identity/link_email/confirm", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    public Mono<ResponseEntity<String>> confirm(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            String verificationId = first(form);
            if (!validId(verificationId)) {
                return Mono.just(html(404, "This link is not valid."));
            }
            return verifications.takeEmail(verificationId)
                    .flatMap(pending -> jdbc.call(client -> {
                        linked.link(client, Kind.EMAIL, pending.identity(), pending.hash());
                        return html(200, "<p>Your email address is now linked to the ID <b>" + pending.identity() + "</b>.</p>");
                    }))
                    .defaultIfEmpty(html(404, "This link has expired or was already used."));
        });
    }

    private static String first(MultiValueMap<String, String> form) {
        String value = form.getFirst("v");
        return value == null ? "" : value;
    }

    /** Verification IDs are base64url from {@link VerificationStore#randomId()}: nothing else reaches Redis or the page. */
    private static boolean validId(String id) {
        return !id.isEmpty() && id.length() <= MAX_ID && id.chars().allMatch(c ->
                (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
    }

    private static ResponseEntity<String> html(int status, String content) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML)
                .body("<!doctype html><html><head><meta charset=\"utf-8\"><title>Email verification</title></head><body>"
                        + content + "</body></html>");
    }
}
