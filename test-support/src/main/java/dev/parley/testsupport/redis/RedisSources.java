package dev.parley.testsupport.redis;

import dev.parley.testsupport.docker.DockerProbe;
import dev.parley.testsupport.docker.DockerServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * Finds a Redis server for tests, in this order: one named by the environment, a Testcontainers
 * container when a Docker engine answers, an embedded server otherwise.
 */
final class RedisSources {

    /** {@code redis://host:port} of an existing server. */
    static final String URL_VARIABLE = "PARLEY_TEST_REDIS_URL";

    private static final Logger log = LoggerFactory.getLogger(RedisSources.class);
    private static final int EMBEDDED_ATTEMPTS = 3;

    private RedisSources() {
    }

    static StartedRedis start() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            url = System.getProperty(URL_VARIABLE);
        }
        if (url != null && !url.isBlank()) {
            URI uri = URI.create(url.trim());
            if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(URL_VARIABLE + " must look like redis://host:port");
            }
            RedisEndpoint endpoint = new RedisEndpoint(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
            return new StartedRedis(endpoint, "environment", () -> { });
        }
        if (DockerProbe.reachable()) {
            try {
                DockerServers.Running<RedisEndpoint> running = DockerServers.redis();
                return new StartedRedis(running.server(), "Testcontainers", running.stop()::run);
            } catch (RuntimeException | LinkageError e) {
                log.warn("Docker engine answered but the Redis container did not start; using embedded Redis", e);
            }
        }
        return embedded();
    }

    private static StartedRedis embedded() {
        IOException last = null;
        // The free port is found before Redis binds it, so another process may take it first.
        for (int attempt = 0; attempt < EMBEDDED_ATTEMPTS; attempt++) {
            try {
                int port = freePort();
                RedisServer server = RedisServer.newRedisServer()
                        .bind("127.0.0.1")
                        .port(port)
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .build();
                server.start();
                return new StartedRedis(new RedisEndpoint("127.0.0.1", port), "embedded", server::stop);
            } catch (IOException | RuntimeException e) {
                last = e instanceof IOException io ? io : new IOException(e);
            }
        }
        throw new UncheckedIOException("embedded Redis did not start", last);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
