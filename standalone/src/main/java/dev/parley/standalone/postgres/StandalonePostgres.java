package dev.parley.standalone.postgres;

import dev.parley.standalone.Ports;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL for a single node: the data directory is created by initdb on first start and
 * reused afterwards. It listens on localhost only, where the {@code postgres} superuser needs no
 * password (initdb's trust setup), and every service works in its own schema of one database.
 */
public final class StandalonePostgres implements AutoCloseable {

    public static final String DATABASE = "parley";
    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private StandalonePostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static StandalonePostgres start(Path dataDirectory, int requestedPort) {
        try {
            LeftOverPostmaster.stopIfRunning(dataDirectory);
            int port = Ports.resolve(requestedPort, "parley.standalone.postgres-port");
            Files.createDirectories(dataDirectory.getParent());
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    // Keeps the data: initdb runs only when the directory holds no cluster yet.
                    .setCleanDataDirectory(false)
                    // The launcher stops PostgreSQL itself, after the services that use it.
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", "localhost")
                    // The embedded defaults are for throw-away test databases (-F, no synchronous
                    // commit). Here acked messages must survive a crash of the machine: these
                    // come after -F on the command line and so win.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            StandalonePostgres started = new StandalonePostgres(postgres);
            started.ensureDatabase();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDirectory, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    private void ensureDatabase() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet found = exists.executeQuery()) {
                if (found.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + DATABASE, e);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
