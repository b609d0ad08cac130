package dev.parley.safe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.safe.SafeBackups;
import dev.parley.client.safe.SafeClient;
import dev.parley.client.safe.SafeHttpException;
import dev.parley.client.safe.SafeKeys;
import dev.parley.common.authtoken.AuthTokens;
import dev.parley.common.crypto.CryptoRandom;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The client against a server behind a path with credentials in the URL
 * ({@code https://user:pass@host/path/} style), and with an OnPrem token.
 */
class SecuredEndToEndTest extends SecuredSafeServiceTest {

    @Test
    void credentialsInTheServerUrlAuthenticateEveryCall() {
        String server = "http://" + USER + ":" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8).replace("+", "%20")
                + "@127.0.0.1:" + serverPort + "/safe";
        SafeBackups safe = new SafeBackups(SafeClient.forServer(HttpClient.newHttpClient(), server));
        SafeKeys keys = new SafeKeys(CryptoRandom.bytes(32), CryptoRandom.bytes(32));
        byte[] json = "{\"info\":{\"version\":1}}".getBytes(StandardCharsets.UTF_8);

        assertThat(safe.backup(keys, json)).isEqualTo(SafeClient.PutResult.CREATED);
        assertThat(safe.restore(keys, 1024)).hasValueSatisfying(restored -> assertThat(restored).isEqualTo(json));
    }

    @Test
    void anOnPremTokenAuthenticatesAndAMissingOneIsRefused() {
        SafeClient anonymous = SafeClient.forServer(HttpClient.newHttpClient(), "http://127.0.0.1:" + serverPort + "/safe/");
        String id = "ab".repeat(32);

        assertThatThrownBy(() -> anonymous.get(id))
                .isInstanceOfSatisfying(SafeHttpException.class, e -> assertThat(e.status()).isEqualTo(401));
        SafeClient withToken = anonymous.withToken(AuthTokens.issue(secret(), "ECHOECHO", Duration.ofMinutes(1)));
        assertThat(withToken.get(id)).isEmpty();
    }
}
