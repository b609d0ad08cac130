package dev.parley.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.ParleyInfra;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Run by two test classes: both create the same table, which only works when each class has a
 * database of its own.
 */
@ParleyInfra
abstract class DatabaseIsolationContract {

    abstract Class<?> otherClass();

    @Test
    void createsATableNoOtherClassSees(PostgresDatabase database) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE isolation_probe (owner text NOT NULL)");
            statement.execute("INSERT INTO isolation_probe VALUES ('" + getClass().getSimpleName() + "')");
            try (ResultSet rows = statement.executeQuery("SELECT owner FROM isolation_probe")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo(getClass().getSimpleName());
                assertThat(rows.next()).isFalse();
            }
        }
        assertThat(SharedPostgres.databaseFor(otherClass()).databaseName()).isNotEqualTo(database.databaseName());
    }
}
