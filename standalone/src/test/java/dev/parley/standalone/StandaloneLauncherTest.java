package dev.parley.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.standalone.services.RunningService;
import dev.parley.standalone.services.ServiceKind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Boots the whole node once, on free ports and a temporary data directory, as a user would. */
class StandaloneLauncherTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void startsEveryServiceHealthyThenStopsEverything(@TempDir Path dataDir) throws Exception {
        RunningStandalone running = StandaloneLauncher.start(StandaloneSettings.from(TestNodes.freePortArguments(dataDir), Map.of()));
        int firstInternalPort;
        try {
            assertThat(running.services()).extracting(RunningService::kind).containsExactly(ServiceKind.values());
            for (RunningService service : running.services()) {
                assertThat(get(service.internalPort(), "/actuator/health/liveness")).contains("\"status\":\"UP\"");
                String readiness = get(service.internalPort(), "/actuator/health/readiness");
                assertThat(readiness).as(service.kind().id()).contains("\"status\":\"UP\"");
                if (service.kind().usesStorage()) {
                    assertThat(readiness).as(service.kind().id()).contains("\"db\":{\"status\":\"UP\"}", "\"redis\":{\"status\":\"UP\"}");
                }
            }
            assertThat(get(internalPort(running, ServiceKind.CHAT), "/actuator/info"))
                    .contains(running.keys().chatServerPublicKey());
            assertKeyFilesReadableByOwnerOnly(dataDir.resolve("keys"));
            assertThat(ListeningTable.render(running))
                    .contains("http://localhost:" + internalPort(running, ServiceKind.DIRECTORY) + "/actuator/health")
                    .contains(running.postgresJdbcUrl(), running.keys().chatServerPublicKey())
                    .doesNotContain(running.keys().internalApiSecret(), running.keys().authTokenSecret());
            assertThat(postgresSetting(running, "fsync")).as("acked data must survive a machine crash").isEqualTo("on");
            assertThat(postgresSetting(running, "synchronous_commit")).isEqualTo("on");
            firstInternalPort = internalPort(running, ServiceKind.DIRECTORY);
        } finally {
            running.close();
        }
        assertThatThrownBy(() -> get(firstInternalPort, "/actuator/health")).isInstanceOf(ConnectException.class);
        assertThat(dataDir.resolve("redis/redis.pid")).doesNotExist();
        assertThat(dataDir.resolve("redis/appendonly.aof")).exists();
        assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();
    }

    private static String postgresSetting(RunningStandalone running, String name) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(running.postgresJdbcUrl(),
                dev.parley.standalone.postgres.StandalonePostgres.USER, "");
                java.sql.ResultSet rs = c.createStatement().executeQuery("SHOW " + name)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static int internalPort(RunningStandalone running, ServiceKind kind) {
        return running.services().stream().filter(s -> s.kind() == kind).findFirst().orElseThrow().internalPort();
    }

    private static void assertKeyFilesReadableByOwnerOnly(Path keys) throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
        for (String name : List.of("chat-server.key", "oppf-signing.key", "internal-api.key")) {
            Path file = keys.resolve(name);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(name).isEqualTo("rw-------");
            assertThat(Files.readString(file)).containsPattern("(?m)^secret:[0-9a-f]{64}$");
        }
    }

    private String get(int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " on " + port).isEqualTo(200);
        return response.body();
    }
}
