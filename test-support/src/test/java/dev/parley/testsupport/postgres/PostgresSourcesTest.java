package dev.parley.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresSourcesTest {

    @Test
    void readsServerAndAccountFromAJdbcUrl() {
        PostgresServer server = PostgresSources.fromJdbcUrl("jdbc:postgresql://db.internal:6543/admin?user=ci&password=s3cret");

        assertThat(server).isEqualTo(new PostgresServer("db.internal", 6543, "ci", "s3cret", "admin"));
        assertThat(server.toString()).doesNotContain("s3cret");
    }

    @Test
    void fallsBackToThePostgresAccountAndDatabase() {
        PostgresServer server = PostgresSources.fromJdbcUrl("jdbc:postgresql://localhost/");

        assertThat(server).isEqualTo(new PostgresServer("localhost", 5432, "postgres", "", "postgres"));
    }

    @Test
    void rejectsOtherUrls() {
        assertThatThrownBy(() -> PostgresSources.fromJdbcUrl("jdbc:mysql://localhost/x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesDatabaseNamesThatWouldNeedQuoting() {
        PostgresServer server = new PostgresServer("localhost", 5432, "postgres", "", "postgres");

        assertThatThrownBy(() -> server.createDatabase("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
