package dev.parley.directory;

import dev.parley.common.crypto.Ed25519;
import dev.parley.common.keys.KeyFile;
import dev.parley.directory.internal.InternalServer;
import dev.parley.testsupport.spring.ParleyInfraProperties;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One service context for every test class of the module: the service as {@code main} starts
 * it, on random ports, against real PostgreSQL and Redis. Subclasses share the context (and its
 * database), so each test creates its own identities.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, useMainMethod = UseMainMethod.ALWAYS, properties = {
        "management.server.port=0",
        "parley.directory.internal.port=0",
        "parley.directory.internal.api-secret=" + DirectoryTestBase.INTERNAL_SECRET,
        "parley.directory.challenge.ttl=5s",
        "parley.directory.work.auth-token-secret=" + DirectoryTestBase.AUTH_TOKEN_SECRET,
        "parley.directory.turn.secret=" + DirectoryTestBase.TURN_SECRET,
        "parley.directory.turn.urls=turn:turn.example.org:3478?transport=udp,turns:turn.example.org:443",
        "parley.directory.turn.ttl=12h",
        "parley.directory.sfu.base-url=https://sfu.example.org/",
        "parley.directory.sfu.allowed-hostname-suffixes=.sfu.example.org",
        "parley.directory.sfu.token-secret=" + DirectoryTestBase.SFU_SECRET,
        "parley.directory.sfu.token-ttl=10m",
        "parley.directory.oppf.chat-public-key=" + DirectoryTestBase.CHAT_PUBLIC_KEY,
        "parley.directory.oppf.chat-hostname=chat.example.org",
        "parley.directory.oppf.chat-ports=5222,443",
        "parley.directory.oppf.directory-url=https://dir.example.org/",
        "parley.directory.oppf.mediator-url=wss://mediator-{deviceGroupIdPrefix4}.example.org/{deviceGroupIdPrefix8}/"})
public abstract class DirectoryTestBase {

    public static final String INTERNAL_SECRET = "test-secret-test-secret-test-secret-0";
    public static final String AUTH_TOKEN_SECRET = "auth-token-secret-auth-token-secret-0";
    public static final String TURN_SECRET = "coturn-static-auth-secret";
    public static final String SFU_SECRET = "sfu-token-secret-sfu-token-secret-000";
    public static final String CHAT_PUBLIC_KEY = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";

    protected static final Path KEY_FILE = newKeyFile();

    /** A real SMTP server for the verification emails, shared by the whole test JVM. */
    protected static final GreenMail SMTP = startSmtp();

    /** A real HTTP server standing in for the SMS gateway. */
    protected static final SmsWebhookServer SMS = new SmsWebhookServer();

    public static final String SMS_AUTHORIZATION = "Bearer sms-gateway-test-token";

    private static GreenMail startSmtp() {
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        return mail;
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("parley.directory.oppf.signing-key-file", KEY_FILE::toString);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("parley.directory.linking.sms.provider", () -> "webhook");
        registry.add("parley.directory.linking.sms.webhook-url", SMS::url);
        registry.add("parley.directory.linking.sms.webhook-authorization", () -> SMS_AUTHORIZATION);
        ParleyInfraProperties.postgres(registry, DirectoryTestBase.class);
        ParleyInfraProperties.redis(registry, DirectoryTestBase.class, "parley.directory.redis.key-prefix");
    }

    @LocalServerPort
    protected int serverPort;

    /** WebTestClient's 5 s default is too short on a 2-core CI machine running several JVMs. */
    private static final java.time.Duration RESPONSE_TIMEOUT = java.time.Duration.ofSeconds(30);

    @Autowired
    protected InternalServer internalServer;

    /** The admin API on the internal port, with the bearer secret. */
    protected WebTestClient admin() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + internalServer.port())
                .responseTimeout(RESPONSE_TIMEOUT)
                .defaultHeader("Authorization", "Bearer " + INTERNAL_SECRET).build();
    }

    protected WebTestClient api() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + serverPort + "/")
                .responseTimeout(RESPONSE_TIMEOUT).build();
    }

    private static Path newKeyFile() {
        try {
            Ed25519.KeyPair pair = Ed25519.generateKeyPair();
            Path file = java.nio.file.Files.createTempDirectory("parley-keys").resolve("test.key");
            KeyFile.write(file, "test OPPF signing key", pair.secretKey(), pair.publicKey());
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
