package dev.parley.chat.e2e;

import dev.parley.chat.ChatGatewayApplication;
import dev.parley.chat.csp.CspServer;
import dev.parley.client.csp.CspClient;
import dev.parley.client.csp.CspClosedException;
import dev.parley.common.crypto.X25519;
import dev.parley.common.csp.extension.LoginExtensions;
import dev.parley.common.identity.ThreemaId;
import dev.parley.common.keys.KeyFile;
import dev.parley.directory.DirectoryApplication;
import dev.parley.directory.internal.InternalServer;
import dev.parley.testsupport.postgres.PostgresDatabase;
import dev.parley.testsupport.postgres.SharedPostgres;
import dev.parley.testsupport.redis.RedisServerInfo;
import dev.parley.testsupport.redis.SharedRedis;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real directory and one or more chat gateway nodes in this JVM, sharing the test's PostgreSQL
 * and Redis the way a deployment shares them: identities are created and revoked through the
 * directory's admin API, and clients log in over real sockets.
 */
final class ChatPlatform implements AutoCloseable {

    static final String SECRET = "chat-test-internal-secret-0123456789";

    /** An identity the directory knows, with its key pair. */
    record Identity(ThreemaId id, X25519.KeyPair keys) {
    }

    private final PostgresDatabase database;
    private final RedisServerInfo redis;
    private final ConfigurableApplicationContext directory;
    private final List<ConfigurableApplicationContext> gateways = new CopyOnWriteArrayList<>();
    private final X25519.KeyPair serverKey = X25519.generateKeyPair();
    private final Path serverKeyFile;
    private final HttpClient http = HttpClient.newHttpClient();
    private final int adminPort;

    ChatPlatform(Class<?> owner) throws IOException {
        database = SharedPostgres.databaseFor(owner);
        redis = SharedRedis.infoFor(owner);
        serverKeyFile = Files.createTempDirectory("parley-chat-test").resolve("chat-server.key");
        KeyFile.write(serverKeyFile, "chat test server key", serverKey.secretKey(), serverKey.publicKey());
        directory = DirectoryApplication.application().run(
                "--server.port=0", "--management.server.port=0", "--parley.directory.internal.port=0",
                "--parley.directory.internal.api-secret=" + SECRET,
                "--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port(),
                "--parley.directory.redis.key-prefix=" + redis.keyPrefix() + "directory:");
        adminPort = directory.getBean(InternalServer.class).port();
    }

    /** Starts one more gateway node; {@code extra} are further command-line properties. */
    ConfigurableApplicationContext startGateway(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0", "--management.server.port=0", "--parley.chat.csp.port=0",
                "--parley.chat.csp.handshake-timeout=2s",
                "--parley.chat.internal.api-secret=" + SECRET,
                "--parley.chat.keys.server-key-file=" + serverKeyFile,
                "--parley.chat.directory.url=http://127.0.0.1:" + adminPort + "/",
                "--parley.chat.directory.api-secret=" + SECRET,
                "--parley.chat.directory.revocation-channel=" + redis.keyPrefix() + "directory:identity-revoked",
                "--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port(),
                "--parley.chat.redis.key-prefix=" + redis.keyPrefix() + "chat:"));
        args.addAll(List.of(extra));
        ConfigurableApplicationContext gateway = ChatGatewayApplication.application().run(args.toArray(String[]::new));
        gateways.add(gateway);
        return gateway;
    }

    /** Stops a node the way an orchestrator does (SIGTERM: graceful close). */
    void stopGateway(ConfigurableApplicationContext gateway) {
        gateway.close();
        gateways.remove(gateway);
    }

    ConfigurableApplicationContext gateway(int index) {
        return gateways.get(index);
    }

    InetSocketAddress cspAddress(ConfigurableApplicationContext gateway) {
        return new InetSocketAddress("127.0.0.1", gateway.getBean(CspServer.class).port());
    }

    InetSocketAddress cspAddress() {
        return cspAddress(gateways.get(0));
    }

    /** The node's management port, where the internal API is. */
    static int managementPort(ConfigurableApplicationContext gateway) {
        return gateway.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
    }

    static int publicPort(ConfigurableApplicationContext gateway) {
        return gateway.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /** Posts {@code body} to {@code path} on {@code port}; {@code authorization} null sends none. */
    HttpResponse<String> post(int port, String path, String authorization, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    byte[] serverPublicKey() {
        return serverKey.publicKey();
    }

    Identity createIdentity() throws IOException, InterruptedException {
        X25519.KeyPair keys = X25519.generateKeyPair();
        String body = "{\"publicKey\":\"" + Base64.getEncoder().encodeToString(keys.publicKey()) + "\"}";
        HttpResponse<String> response = http.send(admin("/admin/v1/identities")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("identity not created: " + response.statusCode() + " " + response.body());
        }
        Matcher id = Pattern.compile("\"identity\"\\s*:\\s*\"([A-Z0-9]{8})\"").matcher(response.body());
        if (!id.find()) {
            throw new IllegalStateException("no identity in " + response.body());
        }
        return new Identity(ThreemaId.of(id.group(1)), keys);
    }

    void revoke(ThreemaId id) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(admin("/admin/v1/identities/" + id + "/revoke")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new IllegalStateException("not revoked: " + response.statusCode());
        }
    }

    CspClient login(Identity identity, LoginExtensions extensions) throws IOException {
        return login(cspAddress(), identity, extensions);
    }

    CspClient login(InetSocketAddress gateway, Identity identity, LoginExtensions extensions) throws IOException {
        return CspClient.connect(gateway, serverKey.publicKey(), identity.id(), identity.keys(), extensions,
                Duration.ofSeconds(10));
    }

    /** Receives until the connection ends; fails if it is still open after {@code wait}. */
    static CspClosedException awaitClose(CspClient client, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                client.receive(Duration.ofMillis(100));
            }
        } catch (CspClosedException closed) {
            return closed;
        }
        throw new AssertionError("the connection is still open after " + wait);
    }

    private HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .header("Authorization", "Bearer " + SECRET);
    }

    @Override
    public void close() {
        gateways.forEach(ConfigurableApplicationContext::close);
        directory.close();
    }
}
