package dev.parley.directory.linking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.directory.DirectoryTestBase;
import dev.parley.directory.SmsWebhookServer;
import dev.parley.directory.WireClient;
import dev.parley.directory.WireClient.Created;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class LinkingApiTest extends DirectoryTestBase {

    private WireClient wire;

    @BeforeEach
    void setUp() {
        wire = new WireClient(api());
        SMS.clear();
    }

    @Test
    void emailIsLinkedOnlyAfterTheLandingPageIsConfirmed() throws Exception {
        Created alice = wire.create();
        String email = alice.id().toLowerCase() + "@example.org";
        JsonNode status = wire.post("identity/link_email", Map.of("identity", alice.id(), "email", email));
        assertThat(status.get("linked").booleanValue()).isFalse();

        JsonNode sent = wire.challenged("identity/link_email", Map.of("identity", alice.id(), "email", email, "lang", "en"),
                alice.keys().secretKey());
        assertThat(sent.get("success").booleanValue()).isTrue();
        String verificationId = LinkingTestSupport.verificationIdFromMail(SMTP, email);

        // Opening the link shows the button but links nothing.
        api().get().uri("identity/link_email/confirm?v=" + verificationId).exchange()
                .expectStatus().isOk().expectBody(String.class).value(html -> assertThat(html).contains(alice.id(), "<form"));
        assertThat(wire.post("identity/link_email", Map.of("identity", alice.id(), "email", email)).get("linked").booleanValue())
                .isFalse();

        LinkingTestSupport.confirm(api(), verificationId).expectStatus().isOk();
        JsonNode linked = wire.post("identity/link_email", Map.of("identity", alice.id(), "email", " " + email.toUpperCase() + " "));
        assertThat(linked.get("linked").booleanValue()).isTrue();
        assertThat(linked.has("token")).isFalse();

        // One time only.
        LinkingTestSupport.confirm(api(), verificationId).expectStatus().isNotFound();
        api().get().uri("identity/link_email/confirm?v=" + verificationId).exchange().expectStatus().isNotFound();
        api().get().uri("identity/link_email/confirm?v=<script>").exchange().expectStatus().isNotFound();
    }

    @Test
    void emailUnlinksWithAnEmptyAddress() throws Exception {
        Created alice = wire.create();
        String email = alice.id().toLowerCase() + "@example.net";
        LinkingTestSupport.linkEmail(wire, api(), SMTP, alice, email);

        JsonNode unlinked = wire.challenged("identity/link_email", Map.of("identity", alice.id(), "email", "", "lang", "en"),
                alice.keys().secretKey());
        assertThat(unlinked.get("success").booleanValue()).isTrue();
        assertThat(wire.post("identity/link_email", Map.of("identity", alice.id(), "email", email)).get("linked").booleanValue())
                .isFalse();
    }

    @Test
    void linkEmailErrors() {
        wire.exchange("identity/link_email", Map.of("identity", "ABCDEFGH", "email", "no-at-sign")).expectStatus().isBadRequest();
        JsonNode unknown = wire.post("identity/link_email", Map.of("identity", "ZZZZZZZZ", "email", "a@b.c"));
        assertThat(unknown.has("linked")).isFalse();
        assertThat(unknown.get("error").stringValue()).isNotEmpty();
    }

    @Test
    void phoneIsLinkedWithTheEightDigitCode() throws Exception {
        Created alice = wire.create();
        String number = "+41 79 " + alice.id().hashCode() % 1000 + " 4567";
        Map<String, Object> fields = Map.of("identity", alice.id(), "mobileNo", number, "lang", "en", "httpsUrl", true);
        JsonNode phaseOne = wire.post("identity/link_mobileno", fields);
        assertThat(phaseOne.get("linked").booleanValue()).isFalse();
        JsonNode sent = wire.post("identity/link_mobileno", WireClient.answer(fields, phaseOne, alice.keys().secretKey()));
        assertThat(sent.get("success").booleanValue()).isTrue();
        String verificationId = sent.get("verificationId").stringValue();

        SmsWebhookServer.Call call = SMS.next();
        assertThat(call.authorization()).isEqualTo(SMS_AUTHORIZATION);
        JsonNode webhook = new ObjectMapper().readTree(call.body());
        assertThat(webhook.get("kind").stringValue()).isEqualTo("sms");
        assertThat(webhook.get("to").stringValue()).isEqualTo(number.replaceAll("\\D", ""));
        String code = webhook.get("code").stringValue();
        assertThat(code).matches("\\d{8}");
        assertThat(webhook.get("text").stringValue()).contains(code);

        JsonNode wrong = wire.post("identity/link_mobileno", Map.of("verificationId", verificationId, "code", wrongCode(code)));
        assertThat(wrong.get("success").booleanValue()).isFalse();

        JsonNode right = wire.post("identity/link_mobileno", Map.of("verificationId", verificationId, "code", code));
        assertThat(right.get("success").booleanValue()).isTrue();
        assertThat(wire.post("identity/link_mobileno", fields).get("linked").booleanValue()).isTrue();

        JsonNode again = wire.post("identity/link_mobileno", Map.of("verificationId", verificationId, "code", code));
        assertThat(again.get("success").booleanValue()).isFalse();
    }

    @Test
    void voiceCallFallbackAndTooManyWrongCodes() throws Exception {
        Created bob = wire.create();
        Map<String, Object> fields = Map.of("identity", bob.id(), "mobileNo", "4915112345678", "lang", "de", "httpsUrl", true);
        JsonNode sent = wire.challenged("identity/link_mobileno", fields, bob.keys().secretKey());
        String verificationId = sent.get("verificationId").stringValue();
        String smsCode = new ObjectMapper().readTree(SMS.next().body()).get("code").stringValue();

        JsonNode call = wire.post("identity/link_mobileno_call", Map.of("verificationId", verificationId));
        assertThat(call.get("success").booleanValue()).isTrue();
        JsonNode webhook = new ObjectMapper().readTree(SMS.next().body());
        assertThat(webhook.get("kind").stringValue()).isEqualTo("call");
        assertThat(webhook.get("code").stringValue()).isEqualTo(smsCode);
        assertThat(wire.post("identity/link_mobileno_call", Map.of("verificationId", verificationId))
                .get("success").booleanValue()).isFalse();

        for (int i = 0; i < 3; i++) {
            assertThat(wire.post("identity/link_mobileno", Map.of("verificationId", verificationId, "code", wrongCode(smsCode)))
                    .get("success").booleanValue()).isFalse();
        }
        // The verification is gone after three wrong codes: even the right one fails now.
        assertThat(wire.post("identity/link_mobileno", Map.of("verificationId", verificationId, "code", smsCode))
                .get("success").booleanValue()).isFalse();
        assertThat(wire.post("identity/link_mobileno_call", Map.of("verificationId", "unknown"))
                .get("success").booleanValue()).isFalse();
    }

    @Test
    void verificationsPerDayAreLimited() throws Exception {
        Created carol = wire.create();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> fields = Map.of("identity", carol.id(), "mobileNo", "4179000000" + i, "lang", "en");
            assertThat(wire.challenged("identity/link_mobileno", fields, carol.keys().secretKey())
                    .get("success").booleanValue()).isTrue();
            SMS.next();
        }
        JsonNode sixth = wire.challenged("identity/link_mobileno",
                Map.of("identity", carol.id(), "mobileNo", "41790000009", "lang", "en"), carol.keys().secretKey());
        assertThat(sixth.get("success").booleanValue()).isFalse();
    }

    private static String wrongCode(String code) {
        Matcher m = Pattern.compile("^(\\d)").matcher(code);
        m.find();
        int first = (Integer.parseInt(m.group(1)) + 1) % 10;
        return first + code.substring(1);
    }
}
