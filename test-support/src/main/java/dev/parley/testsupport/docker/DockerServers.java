package dev.parley.testsupport.docker;

import dev.parley.testsupport.postgres.PostgresServer;
import dev.parley.testsupport.redis.RedisEndpoint;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Starts the test servers as Testcontainers containers. Only called after {@link DockerProbe}
 * found an engine, so machines without Docker never load Testcontainers' classes. Images can be
 * overridden with {@code PARLEY_TEST_POSTGRES_IMAGE} and {@code PARLEY_TEST_REDIS_IMAGE}.
 */
public final class DockerServers {

    private static final String PASSWORD = "parley";

    private DockerServers() {
    }

    public static Running<PostgresServer> postgres() {
        GenericContainer<?> container = new GenericContainer<>(image("PARLEY_TEST_POSTGRES_IMAGE", "postgres:17-alpine"))
                .withEnv("POSTGRES_PASSWORD", PASSWORD)
                .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "max_connections=200")
                .withExposedPorts(5432)
                // The entrypoint starts the server twice (init, then for real); wait for the second.
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\n", 2)
                        .withStartupTimeout(Duration.ofMinutes(2)));
        container.start();
        PostgresServer server = new PostgresServer(container.getHost(), container.getMappedPort(5432), "postgres",
                PASSWORD, "postgres");
        return new Running<>(server, container::stop);
    }

    public static Running<RedisEndpoint> redis() {
        GenericContainer<?> container = new GenericContainer<>(image("PARLEY_TEST_REDIS_IMAGE", "redis:7-alpine"))
                .withExposedPorts(6379)
                .waitingFor(Wait.forListeningPort());
        container.start();
        return new Running<>(new RedisEndpoint(container.getHost(), container.getMappedPort(6379)), container::stop);
    }

    private static DockerImageName image(String variable, String fallback) {
        String name = System.getenv(variable);
        return DockerImageName.parse(name == null || name.isBlank() ? fallback : name);
    }

    /** A server in a running container and how to stop the container. */
    public record Running<T>(T server, Runnable stop) {
    }
}
