package dev.parley.testsupport.postgres;

import dev.parley.testsupport.docker.DockerProbe;
import dev.parley.testsupport.docker.DockerServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a PostgreSQL server for tests, in this order: one named by the environment, a
 * Testcontainers container when a Docker engine answers, an embedded server otherwise.
 */
final class PostgresSources {

    /** A JDBC URL of an existing server, e.g. {@code jdbc:postgresql://db:5432/postgres?user=u&password=p}. */
    static final String URL_VARIABLE = "PARLEY_TEST_POSTGRES_URL";

    private static final Logger log = LoggerFactory.getLogger(PostgresSources.class);

    private PostgresSources() {
    }

    static StartedPostgres start() {
        String url = setting(URL_VARIABLE);
        if (url != null) {
            return new StartedPostgres(fromJdbcUrl(url), "environment", true, () -> { });
        }
        if (DockerProbe.reachable()) {
            try {
                DockerServers.Running<PostgresServer> running = DockerServers.postgres();
                return new StartedPostgres(running.server(), "Testcontainers", false, running.stop()::run);
            } catch (RuntimeException | LinkageError e) {
                log.warn("Docker engine answered but the PostgreSQL container did not start; using embedded PostgreSQL", e);
            }
        }
        return embedded();
    }

    static PostgresServer fromJdbcUrl(String url) {
        Properties parsed = Driver.parseURL(url, new Properties());
        if (parsed == null) {
            throw new IllegalArgumentException(URL_VARIABLE + " is not a PostgreSQL JDBC URL");
        }
        String user = firstNonNull(setting("PARLEY_TEST_POSTGRES_USER"), parsed.getProperty("user"), "postgres");
        String password = firstNonNull(setting("PARLEY_TEST_POSTGRES_PASSWORD"), parsed.getProperty("password"), "");
        // PGHOST/PGPORT may list several hosts; tests use the first.
        String host = parsed.getProperty("PGHOST").split(",")[0];
        int port = Integer.parseInt(parsed.getProperty("PGPORT").split(",")[0]);
        String database = parsed.getProperty("PGDBNAME", "postgres");
        return new PostgresServer(host, port, user, password, database.isEmpty() ? "postgres" : database);
    }

    private static StartedPostgres embedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    // Durability buys nothing in a throw-away test server and costs seconds per suite.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    .setRegisterShutdownHook(false)
                    .start();
            PostgresServer server = new PostgresServer("localhost", postgres.getPort(), "postgres", "", "postgres");
            return new StartedPostgres(server, "embedded", false, postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** Environment variable, or the system property of the same name for IDE run configurations. */
    static String setting(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
