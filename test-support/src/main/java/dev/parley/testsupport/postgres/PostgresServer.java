package dev.parley.testsupport.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A running PostgreSQL server reached with an account that may create databases.
 * {@code adminDatabase} is the database used for CREATE/DROP DATABASE.
 */
public record PostgresServer(String host, int port, String username, String password, String adminDatabase) {

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public PostgresDatabase createDatabase(String name) {
        requireIdentifier(name);
        execute("CREATE DATABASE " + name);
        return new PostgresDatabase(jdbcUrl(name), username, password, name);
    }

    /** Drops even while connections remain, because cached Spring contexts may still hold some. */
    public void dropDatabase(String name) {
        requireIdentifier(name);
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(adminDatabase), username, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " refused: " + sql, e);
        }
    }

    private static void requireIdentifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain lowercase identifier: " + name);
        }
    }

    @Override
    public String toString() {
        return "PostgresServer[" + host + ":" + port + ", user " + username + "]";
    }
}
