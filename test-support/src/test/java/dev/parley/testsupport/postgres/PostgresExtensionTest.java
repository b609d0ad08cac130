package dev.parley.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.ParleyInfra;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@ParleyInfra
class PostgresExtensionTest {

    @Test
    void answersQueriesInItsOwnDatabase(PostgresDatabase database) throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT current_database(), current_setting('server_version_num')::int")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo(database.databaseName());
            assertThat(result.getInt(2)).isGreaterThanOrEqualTo(140000);
        }
    }

    @Test
    void injectsTheSameDatabaseIntoEveryTestOfTheClass(PostgresDatabase database) {
        assertThat(database).isEqualTo(SharedPostgres.databaseFor(PostgresExtensionTest.class));
        assertThat(database.databaseName()).startsWith("t_postgresextensiontest_");
        assertThat(database.toString()).doesNotContain("password");
    }
}
