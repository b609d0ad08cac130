package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.csp.CspServer;
import dev.parley.common.crypto.X25519;
import dev.parley.common.keys.KeyFile;
import dev.parley.testsupport.spring.ActuatorContract;
import dev.parley.testsupport.spring.ParleyInfraProperties;
import io.netty.channel.epoll.Epoll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Starts the service the way {@code main} does, on random ports, against real PostgreSQL and Redis. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, useMainMethod = UseMainMethod.ALWAYS, properties = {
        "management.server.port=0",
        "parley.chat.csp.port=0",
        "parley.chat.internal.api-secret=test-secret-test-secret-test-secret-0"})
class ChatGatewayApplicationTest implements ActuatorContract {

    @LocalServerPort
    int serverPort;

    @LocalManagementPort
    int managementPort;

    @Override
    public int publicPort() {
        return serverPort;
    }

    @Override
    public int internalPort() {
        return managementPort;
    }

    @Override
    public List<String> readinessDependencies() {
        return List.of("db", "redis");
    }

    private static final Path KEY_FILE = newKeyFile();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("parley.chat.keys.server-key-file", KEY_FILE::toString);
        ParleyInfraProperties.postgres(registry, ChatGatewayApplicationTest.class);
        ParleyInfraProperties.redis(registry, ChatGatewayApplicationTest.class, "parley.chat.redis.key-prefix");
    }

    @Test
    void showsThePublicKeyOnTheInfoEndpoint() throws Exception {
        String publicLine = Files.readAllLines(KEY_FILE).get(2);

        WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build().get().uri("/actuator/info").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.chatServer.publicKey").isEqualTo(publicLine.substring("public:".length()));
    }

    /** The build ships Netty's native transport for linux-x86_64; falling back to NIO there would go unnoticed. */
    @Test
    void listensOnNativeEpollWhereItLoads(@Autowired CspServer csp) {
        assertThat(csp.transport()).isEqualTo(Epoll.isAvailable() ? "epoll" : "nio");
        if (System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64")) {
            assertThat(csp.transport()).isEqualTo("epoll");
        }
    }

    @Test
    void flywayCreatedTheServiceSchema(@Autowired JdbcClient jdbc) {
        String service = jdbc.sql("SELECT value FROM chat.schema_info WHERE key = 'service'")
                .query(String.class)
                .single();

        assertThat(service).isEqualTo("chat");
    }

    private static Path newKeyFile() {
        try {
            X25519.KeyPair pair = X25519.generateKeyPair();
            Path file = java.nio.file.Files.createTempDirectory("parley-keys").resolve("test.key");
            KeyFile.write(file, "test chat server key", pair.secretKey(), pair.publicKey());
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
