package dev.parley.safe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.authtoken.AuthTokens;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.encoding.Hex;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base path, Basic and Token authentication, throttling with {@code Retry-After}, and the
 * scheduled retention job, in the secured configuration. Each test throttles under its own
 * client address, given through {@code X-Forwarded-For} from the trusted loopback proxy.
 */
class SecuredApiTest extends SecuredSafeServiceTest {

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

    WebTestClient http;
    String clientAddress;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl(baseUrl()).responseTimeout(Duration.ofSeconds(30)).build();
        clientAddress = "198.51.100." + NEXT_ADDRESS.getAndIncrement();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    WebTestClient.ResponseSpec config(String authorization) {
        WebTestClient.RequestHeadersSpec<?> request = http.get().uri("config").header("X-Forwarded-For", clientAddress);
        if (authorization != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return request.exchange();
    }

    @Test
    void theApiLivesUnderTheBasePathOnly() {
        config(basic(USER, PASSWORD)).expectStatus().isOk().expectBody().jsonPath("$.retentionDays").isEqualTo(1);
        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + serverPort).build()
                .get().uri("/config").header(HttpHeaders.AUTHORIZATION, basic(USER, PASSWORD))
                .header("X-Forwarded-For", clientAddress)
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void withoutCredentialsTheAnswerIs401WithABasicChallenge() {
        config(null).expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Threema Safe\", charset=\"UTF-8\"");
    }

    @Test
    void wrongBasicCredentialsAre401() {
        config(basic(USER, "wrong")).expectStatus().isUnauthorized();
        config(basic("mallory", PASSWORD)).expectStatus().isUnauthorized();
        config("Basic not-base64!").expectStatus().isUnauthorized();
        config("Basic " + Base64.getEncoder().encodeToString("no colon".getBytes(StandardCharsets.UTF_8)))
                .expectStatus().isUnauthorized();
        config("Bearer something").expectStatus().isUnauthorized();
    }

    @Test
    void rightBasicCredentialsPassAgainAndAgain() {
        String id = Hex.encode(CryptoRandom.bytes(32));
        http.put().uri("backups/" + id).header(HttpHeaders.AUTHORIZATION, basic(USER, PASSWORD))
                .header("X-Forwarded-For", clientAddress)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[] {1, 2})
                .exchange().expectStatus().isCreated();
        http.get().uri("backups/" + id).header(HttpHeaders.AUTHORIZATION, basic(USER, PASSWORD))
                .header("X-Forwarded-For", clientAddress)
                .exchange().expectStatus().isOk().expectBody(byte[].class).isEqualTo(new byte[] {1, 2});
        config(basic(USER, PASSWORD + "x")).expectStatus().isUnauthorized();
    }

    @Test
    void aValidTokenFromTheDirectoryIsAccepted() {
        String token = AuthTokens.issue(secret(), "ECHOECHO", Duration.ofMinutes(5));

        config("Token " + token).expectStatus().isOk();
    }

    @Test
    void expiredForgedOrForeignTokensAre401() {
        String expired = AuthTokens.issue(secret(), "ECHOECHO", Instant.now().minusSeconds(1));
        String foreign = AuthTokens.issue("another-secret-another-secret-another".getBytes(StandardCharsets.UTF_8),
                "ECHOECHO", Duration.ofMinutes(5));

        config("Token " + expired).expectStatus().isUnauthorized();
        config("Token " + foreign).expectStatus().isUnauthorized();
        config("Token " + "A".repeat(5000)).expectStatus().isUnauthorized();
        config("Token ").expectStatus().isUnauthorized();
    }

    @Test
    void aClientBeyondItsBucketGets429WithRetryAfter() {
        int passed = 0;
        WebTestClient.ResponseSpec response;
        while ((response = config(basic(USER, PASSWORD))).returnResult(Void.class).getStatus().value() == 200) {
            passed++;
            assertThat(passed).isLessThanOrEqualTo(8);
        }
        assertThat(passed).isEqualTo(8);
        config(basic(USER, PASSWORD)).expectStatus().isEqualTo(429)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, value -> assertThat(Long.parseLong(value)).isBetween(1L, 3600L));
        // Another client is not affected, and unauthenticated requests count against the bucket too.
        clientAddress = "198.51.100.250";
        config(null).expectStatus().isUnauthorized();
    }

    @Test
    void aClientCannotEscapeItsBucketByPrependingForwardedForEntries() {
        for (int i = 0; i < 8; i++) {
            config(basic(USER, PASSWORD)).expectStatus().isOk();
        }
        String exhausted = clientAddress;
        clientAddress = "203.0.113.9, " + exhausted;
        config(basic(USER, PASSWORD)).expectStatus().isEqualTo(429);
        // The proxy's own address on the right is skipped over, not used as the client.
        clientAddress = exhausted + ", 127.0.0.1";
        config(basic(USER, PASSWORD)).expectStatus().isEqualTo(429);
    }

    @Test
    void aBackupBeyondItsBucketGets429FromAnyClient() {
        String id = Hex.encode(CryptoRandom.bytes(32));
        for (int i = 0; i < 5; i++) {
            clientAddress = "192.0.2." + (10 + i);
            http.get().uri("backups/" + id).header(HttpHeaders.AUTHORIZATION, basic(USER, PASSWORD))
                    .header("X-Forwarded-For", clientAddress)
                    .exchange().expectStatus().isNotFound();
        }
        clientAddress = "192.0.2.99";
        http.get().uri("backups/" + id).header(HttpHeaders.AUTHORIZATION, basic(USER, PASSWORD))
                .header("X-Forwarded-For", clientAddress)
                .exchange().expectStatus().isEqualTo(429)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, value -> assertThat(Long.parseLong(value)).isBetween(1L, 600L));
        // The same client on another backup is fine.
        http.get().uri("backups/" + Hex.encode(CryptoRandom.bytes(32))).header(HttpHeaders.AUTHORIZATION, basic(USER, PASSWORD))
                .header("X-Forwarded-For", clientAddress)
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void theScheduledJobDeletesBackupsPastAShortRetention(@Autowired JdbcClient jdbc) throws Exception {
        String stale = Hex.encode(CryptoRandom.bytes(32));
        String fresh = Hex.encode(CryptoRandom.bytes(32));
        for (String id : new String[] {stale, fresh}) {
            http.put().uri("backups/" + id).header(HttpHeaders.AUTHORIZATION, basic(USER, PASSWORD))
                    .header("X-Forwarded-For", clientAddress)
                    .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[] {7})
                    .exchange().expectStatus().isCreated();
        }
        jdbc.sql("UPDATE safe.backups SET updated_at = now() - interval '25 hours' WHERE backup_id = :id")
                .param("id", Hex.decode(stale)).update();

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (count(jdbc, stale) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(count(jdbc, stale)).isZero();
        assertThat(count(jdbc, fresh)).isEqualTo(1);
    }

    private static long count(JdbcClient jdbc, String id) {
        return jdbc.sql("SELECT count(*) FROM safe.backups WHERE backup_id = :id")
                .param("id", Hex.decode(id)).query(Long.class).single();
    }
}
