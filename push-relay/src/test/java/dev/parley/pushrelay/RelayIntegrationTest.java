package dev.parley.pushrelay;

import dev.parley.pushrelay.push.RetrySleeper;
import dev.parley.pushrelay.testing.FakeUpstream;
import dev.parley.pushrelay.testing.FakeUpstream.Recorded;
import dev.parley.pushrelay.testing.FakeUpstream.Reply;
import dev.parley.pushrelay.testing.TestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;

/**
 * One running relay (started the way {@code main} starts it) shared by every integration test class,
 * with every provider pointed at one real local HTTP/1.1 + h2c server. Token endpoints answer on
 * their own; each test decides what the push endpoints answer.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, useMainMethod = UseMainMethod.ALWAYS, properties = {
        "management.server.port=0",
        "parley.push-relay.internal.api-secret=" + RelayIntegrationTest.API_SECRET,
        "parley.push-relay.internal.queue-capacity=2",
        "parley.push-relay.internal.max-concurrency=1",
        "parley.push-relay.http.timeout=3s",
        "parley.push-relay.fcm.project-id=parley-test",
        "parley.push-relay.fcm.max-retries=2",
        "parley.push-relay.apns.key-id=KEY1234567",
        "parley.push-relay.apns.team-id=TEAM123456",
        "parley.push-relay.apns.internal-topic=dev.parley.app",
        "parley.push-relay.apns.allowed-topics=dev.parley.app,ch.threema.iapp",
        "parley.push-relay.hms.app1.client-id=client1",
        "parley.push-relay.hms.app1.client-secret=secret1",
        "parley.push-relay.hms.app2.client-id=client2",
        "parley.push-relay.hms.app2.client-secret=secret2",
        "parley.push-relay.hms.app2.high-priority=true",
        "parley.push-relay.threema-gateway.identity=*PUSHRLY",
        "parley.push-relay.threema-gateway.secret=gateway-secret"})
@Import(RelayIntegrationTest.RecordingSleeper.class)
public abstract class RelayIntegrationTest {

    protected static final String API_SECRET = "test-secret-test-secret-test-secret-0";
    protected static final FakeUpstream UPSTREAM = new FakeUpstream();
    protected static final KeyPair FCM_KEY = TestKeys.rsa();
    protected static final KeyPair APNS_KEY = TestKeys.p256();
    protected static final byte[] GATEWAY_SECRET_KEY = dev.parley.common.crypto.CryptoRandom.bytes(32);
    protected static final List<Duration> SLEEPS = new CopyOnWriteArrayList<>();
    private static volatile Function<Recorded, Reply> pushReply = r -> Reply.of(500, "unset");

    static {
        UPSTREAM.respond(request -> {
            if (request.uri().equals("/token")) {
                return Reply.json(200, "{\"access_token\":\"fcm-access\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
            }
            if (request.uri().equals("/oauth2/v3/token")) {
                String client = request.bodyText().contains("client_id=client2") ? "client2" : "client1";
                return Reply.json(200, "{\"access_token\":\"hms-" + client + "-" + System.nanoTime()
                        + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
            }
            return pushReply.apply(request);
        });
    }

    @LocalServerPort
    protected int serverPort;

    @LocalManagementPort
    protected int managementPort;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("push-relay-test");
        Path p8 = dir.resolve("AuthKey.p8");
        Files.writeString(p8, TestKeys.pem(APNS_KEY));
        Path gatewayKey = dir.resolve("gateway.key");
        Files.writeString(gatewayKey, "private:" + dev.parley.common.encoding.Hex.encode(GATEWAY_SECRET_KEY) + "\n");
        String base = UPSTREAM.baseUrl();
        registry.add("parley.push-relay.fcm.service-account-key-base64",
                () -> TestKeys.serviceAccountBase64(FCM_KEY, base + "/token"));
        registry.add("parley.push-relay.fcm.base-url", () -> base);
        registry.add("parley.push-relay.apns.keyfile", p8::toString);
        registry.add("parley.push-relay.apns.production-url", () -> base + "/production");
        registry.add("parley.push-relay.apns.sandbox-url", () -> base + "/sandbox");
        for (String app : List.of("app1", "app2")) {
            registry.add("parley.push-relay.hms." + app + ".login-url", () -> base);
            registry.add("parley.push-relay.hms." + app + ".push-url", () -> base);
        }
        registry.add("parley.push-relay.threema-gateway.base-url", () -> base + "/gateway");
        registry.add("parley.push-relay.threema-gateway.private-key-file", gatewayKey::toString);
    }

    /** Records retry waits instead of sitting through them. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class RecordingSleeper {
        @Bean
        @Primary
        RetrySleeper recordingRetrySleeper() {
            return duration -> Mono.fromRunnable(() -> SLEEPS.add(duration));
        }
    }

    @BeforeEach
    void resetUpstream() {
        SLEEPS.clear();
        UPSTREAM.clear();
        pushReply = r -> Reply.of(500, "unset");
    }

    /** What the provider push endpoints (everything but the token endpoints) answer. */
    protected static void pushEndpointsAnswer(Function<Recorded, Reply> reply) {
        pushReply = reply;
    }

    /** The next request that is not a token request. */
    protected static Recorded nextPush() {
        while (true) {
            Recorded recorded = UPSTREAM.take();
            if (!recorded.uri().equals("/token") && !recorded.uri().equals("/oauth2/v3/token")) {
                return recorded;
            }
        }
    }

    protected HttpResponse<String> postPush(String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serverPort + "/push"))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    protected HttpResponse<String> postForm(String body) {
        return postPush("application/x-www-form-urlencoded", body);
    }

    protected HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
