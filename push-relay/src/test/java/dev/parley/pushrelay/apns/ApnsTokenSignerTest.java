package dev.parley.pushrelay.apns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pushrelay.testing.MutableClock;
import dev.parley.pushrelay.testing.TestKeys;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ApnsTokenSignerTest {

    private static final KeyPair KEY = TestKeys.p256();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ApnsTokenSigner signer = new ApnsTokenSigner(KEY.getPrivate(), "KID", "TEAM", clock);

    @Test
    void signsEs256WithKeyIdAndTeam() {
        String jwt = signer.token();
        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.readTree(TestKeys.jwtHeader(jwt)).get("kid").asString()).isEqualTo("KID");
        var claims = json.readTree(TestKeys.verifyJwt(jwt, KEY.getPublic(), "SHA256withECDSAinP1363Format"));
        assertThat(claims.get("iss").asString()).isEqualTo("TEAM");
        assertThat(claims.get("iat").asLong()).isEqualTo(clock.instant().getEpochSecond());
        // Raw r || s, 64 bytes, not DER.
        assertThat(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[2])).hasSize(64);
    }

    @Test
    void reusesTheTokenThenRenewsItBeforeAnHourPasses() {
        String first = signer.token();
        clock.advance(Duration.ofMinutes(49));
        assertThat(signer.token()).isEqualTo(first);
        clock.advance(Duration.ofMinutes(1));
        String second = signer.token();
        assertThat(second).isNotEqualTo(first);
        assertThat(signer.token()).isEqualTo(second);
    }

    @Test
    void invalidatedTokenIsReplaced() {
        String first = signer.token();
        clock.advance(Duration.ofSeconds(1));
        signer.invalidate(first);
        assertThat(signer.token()).isNotEqualTo(first);
    }
}
