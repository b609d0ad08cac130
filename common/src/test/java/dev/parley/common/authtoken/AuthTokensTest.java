package dev.parley.common.authtoken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AuthTokensTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_SECRET = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void issuedTokenVerifiesUntilItExpires() {
        String token = AuthTokens.issue(SECRET, "ECHOECHO", NOW.plusSeconds(60));

        assertThat(AuthTokens.verify(SECRET, token, NOW))
                .contains(new AuthToken("ECHOECHO", NOW.plusSeconds(60)));
        assertThat(AuthTokens.verify(SECRET, token, NOW.plusSeconds(59))).isPresent();
        assertThat(AuthTokens.verify(SECRET, token, NOW.plusSeconds(60))).isEmpty();
    }

    @Test
    void ttlIsCountedFromNow() {
        String token = AuthTokens.issue(SECRET, "subject", Duration.ofMinutes(5));

        AuthToken verified = AuthTokens.verify(SECRET, token, Instant.now()).orElseThrow();
        assertThat(verified.expiresAt()).isBetween(Instant.now().plusSeconds(290), Instant.now().plusSeconds(301));
        assertThat(AuthTokens.verify(SECRET, token, Instant.now().plusSeconds(301))).isEmpty();
    }

    @Test
    void tokenIsUrlSafeBase64WithoutPadding() {
        String token = AuthTokens.issue(SECRET, "user-with-a-longer-name?&/", NOW.plusSeconds(1));

        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(token.length()).isLessThanOrEqualTo(AuthTokens.MAX_TOKEN_CHARS);
    }

    @Test
    void anotherSecretDoesNotVerify() {
        String token = AuthTokens.issue(SECRET, "ECHOECHO", NOW.plusSeconds(60));

        assertThat(AuthTokens.verify(OTHER_SECRET, token, NOW)).isEmpty();
    }

    @Test
    void everyFlippedBitIsRejected() {
        byte[] raw = Base64.getUrlDecoder().decode(AuthTokens.issue(SECRET, "ECHOECHO", NOW.plusSeconds(60)));
        for (int bit = 0; bit < raw.length * 8; bit++) {
            byte[] forged = raw.clone();
            forged[bit / 8] ^= (byte) (1 << (bit % 8));
            String text = Base64.getUrlEncoder().withoutPadding().encodeToString(forged);
            assertThat(AuthTokens.verify(SECRET, text, NOW)).as("bit %d", bit).isEmpty();
        }
    }

    @Test
    void extendingTheExpiryBreaksTheMac() {
        byte[] raw = Base64.getUrlDecoder().decode(AuthTokens.issue(SECRET, "ECHOECHO", NOW.plusSeconds(60)));
        raw[1] = 0x7f;

        assertThat(AuthTokens.verify(SECRET, Base64.getUrlEncoder().encodeToString(raw), NOW)).isEmpty();
    }

    @Test
    void malformedInputIsRejectedWithoutException() {
        assertThat(AuthTokens.verify(SECRET, null, NOW)).isEmpty();
        assertThat(AuthTokens.verify(SECRET, "", NOW)).isEmpty();
        assertThat(AuthTokens.verify(SECRET, "not base64 !!", NOW)).isEmpty();
        assertThat(AuthTokens.verify(SECRET, "AQ", NOW)).isEmpty();
        assertThat(AuthTokens.verify(SECRET, "A".repeat(AuthTokens.MAX_TOKEN_CHARS + 1), NOW)).isEmpty();
        assertThat(AuthTokens.verify(SECRET, "A".repeat(10_000_000), NOW)).isEmpty();
    }

    @Test
    void rejectsShortSecretsAndBadSubjects() {
        assertThatThrownBy(() -> AuthTokens.issue(new byte[31], "s", NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuthTokens.verify(new byte[31], "AAAA", NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuthTokens.issue(SECRET, "", NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuthTokens.issue(SECRET, "x".repeat(AuthTokens.MAX_SUBJECT_BYTES + 1), NOW))
                .isInstanceOf(IllegalArgumentException.class);
        String longest = AuthTokens.issue(SECRET, "x".repeat(AuthTokens.MAX_SUBJECT_BYTES), NOW.plusSeconds(1));
        assertThat(AuthTokens.verify(SECRET, longest, NOW)).isPresent();
    }

    @Test
    void authorizationHeaderNeedsTheTokenSchemeAndAValidToken() {
        String token = AuthTokens.issue(SECRET, "WORKUSER", NOW.plusSeconds(60));

        assertThat(AuthTokens.verifyAuthorization(SECRET, "Token " + token, NOW))
                .contains(new AuthToken("WORKUSER", NOW.plusSeconds(60)));
        assertThat(AuthTokens.verifyAuthorization(SECRET, "token  " + token + " ", NOW)).isPresent();
        assertThat(AuthTokens.verifyAuthorization(SECRET, "Bearer " + token, NOW)).isEmpty();
        assertThat(AuthTokens.verifyAuthorization(SECRET, "Token " + token, NOW.plusSeconds(60))).isEmpty();
        assertThat(AuthTokens.verifyAuthorization(OTHER_SECRET, "Token " + token, NOW)).isEmpty();
        assertThat(AuthTokens.verifyAuthorization(SECRET, "Token " + "A".repeat(100_000), NOW)).isEmpty();
        assertThat(AuthTokens.verifyAuthorization(SECRET, null, NOW)).isEmpty();
        assertThat(AuthTokens.isTokenAuthorization("Basic dXNlcjpwYXNz")).isFalse();
    }

    @Test
    void blobTokenSchemeIsItsOwn() {
        String token = AuthTokens.issue(SECRET, "ECHOECHO", NOW.plusSeconds(30));
        assertThat(AuthTokens.verifyBlobAuthorization(SECRET, "ThreemaBlobToken " + token, NOW))
                .hasValueSatisfying(t -> assertThat(t.subject()).isEqualTo("ECHOECHO"));
        assertThat(AuthTokens.isBlobTokenAuthorization("threemablobtoken " + token)).isTrue();
        assertThat(AuthTokens.verifyBlobAuthorization(SECRET, "Token " + token, NOW)).isEmpty();
        assertThat(AuthTokens.verifyAuthorization(SECRET, "ThreemaBlobToken " + token, NOW)).isEmpty();
        assertThat(AuthTokens.verifyBlobAuthorization(OTHER_SECRET, "ThreemaBlobToken " + token, NOW)).isEmpty();
        assertThat(AuthTokens.verifyBlobAuthorization(SECRET, "ThreemaBlobToken " + "A".repeat(100_000), NOW)).isEmpty();
    }
}
