package dev.parley.testsupport.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** One database on the shared test server, owned by a single test class. */
public record PostgresDatabase(String jdbcUrl, String username, String password, String databaseName) {

    /** Opens a new connection; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }

    @Override
    public String toString() {
        // Keeps the password out of test reports.
        return "PostgresDatabase[" + jdbcUrl + ", user " + username + "]";
    }
}
