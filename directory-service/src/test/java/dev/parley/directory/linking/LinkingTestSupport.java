package dev.parley.directory.linking;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.parley.directory.WireClient;
import dev.parley.directory.WireClient.Created;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.databind.JsonNode;

/** Links addresses the way a user does: through the API, the received email and the landing page. */
public final class LinkingTestSupport {

    private static final Pattern LINK = Pattern.compile("https?://\\S+/identity/link_email/confirm\\?v=([A-Za-z0-9_-]+)");

    private LinkingTestSupport() {
    }

    /** Phase 1 and 2 of link_email, then the confirmation page's button; asserts every step. */
    public static void linkEmail(WireClient wire, WebTestClient api, GreenMail smtp, Created who, String email)
            throws Exception {
        JsonNode result = wire.challenged("identity/link_email", Map.of("identity", who.id(), "email", email, "lang", "en"),
                who.keys().secretKey());
        assertThat(result.get("success").booleanValue()).as("link_email: %s", result).isTrue();
        String verificationId = verificationIdFromMail(smtp, email);
        confirm(api, verificationId).expectStatus().isOk();
    }

    public static String verificationIdFromMail(GreenMail smtp, String to) throws Exception {
        for (int i = 0; i < 100; i++) {
            MimeMessage[] messages = smtp.getReceivedMessagesForDomain(to.substring(to.indexOf('@') + 1));
            var mine = Arrays.stream(messages).filter(m -> {
                try {
                    return m.getAllRecipients()[0].toString().equals(to);
                } catch (Exception e) {
                    return false;
                }
            }).toList();
            if (!mine.isEmpty()) {
                Matcher matcher = LINK.matcher(GreenMailUtil.getBody(mine.get(mine.size() - 1)));
                assertThat(matcher.find()).isTrue();
                return matcher.group(1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no verification email to " + to);
    }

    public static WebTestClient.ResponseSpec confirm(WebTestClient api, String verificationId) {
        return api.post().uri("identity/link_email/confirm").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("v", verificationId)).exchange();
    }
}
