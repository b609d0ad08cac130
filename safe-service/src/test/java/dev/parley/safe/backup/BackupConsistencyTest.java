package dev.parley.safe.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.blobstore.OldOrNew;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.encoding.Hex;
import dev.parley.safe.OpenSafeServiceTest;
import dev.parley.safe.SafeProperties;
import dev.parley.safe.retention.RetentionJob;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Atomic replacement under concurrent readers, failed PUTs, and the retention job against the
 * real table; subclasses run the same on the other storage backends.
 */
class BackupConsistencyTest extends OpenSafeServiceTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RetentionJob retention;

    @Autowired
    SafeProperties properties;

    /** The table that holds the backend's rows, with {@code backup_id} and {@code updated_at}. */
    String table() {
        return properties.storage().backend() == SafeProperties.Storage.Backend.POSTGRES ? "backups" : "backup_objects";
    }

    int put(String id, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "backups/" + id))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    int delete(String id) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "backups/" + id)).DELETE().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    HttpResponse<byte[]> get(String id) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "backups/" + id))
                .header("Accept", "application/octet-stream").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void concurrentReadersSeeTheOldOrTheNewBackupNeverAMix() throws Exception {
        String id = Hex.encode(CryptoRandom.bytes(32));
        byte[] a = new byte[200_000];
        byte[] b = new byte[150_000];
        Arrays.fill(a, (byte) 0xaa);
        Arrays.fill(b, (byte) 0xbb);
        assertThat(put(id, a)).isEqualTo(201);

        int reads = OldOrNew.race(a, b, 2, 40, 4,
                next -> assertThat(put(id, next)).isEqualTo(204),
                () -> {
                    HttpResponse<byte[]> response = get(id);
                    assertThat(response.statusCode()).isEqualTo(200);
                    return response.body();
                });

        assertThat(reads).isPositive();
    }

    @Test
    void retentionDeletesOnlyBackupsNotUpdatedForRetentionDaysInBatches() throws Exception {
        List<String> stale = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = Hex.encode(CryptoRandom.bytes(32));
            assertThat(put(id, new byte[] {(byte) i})).isEqualTo(201);
            stale.add(id);
        }
        String fresh = Hex.encode(CryptoRandom.bytes(32));
        assertThat(put(fresh, new byte[] {9})).isEqualTo(201);
        String almost = Hex.encode(CryptoRandom.bytes(32));
        assertThat(put(almost, new byte[] {8})).isEqualTo(201);
        for (String id : stale) {
            age(id, "181 days");
        }
        age(almost, "179 days");

        // Five stale rows with a batch size of two: three batches.
        assertThat(retention.purgeExpired()).isEqualTo(5);

        for (String id : stale) {
            assertThat(get(id).statusCode()).isEqualTo(404);
        }
        assertThat(get(fresh).statusCode()).isEqualTo(200);
        assertThat(get(almost).statusCode()).isEqualTo(200);
        assertThat(retention.purgeExpired()).isZero();
    }

    @Test
    void anUpdateRestartsTheRetentionPeriod() throws Exception {
        String id = Hex.encode(CryptoRandom.bytes(32));
        assertThat(put(id, new byte[] {1})).isEqualTo(201);
        age(id, "200 days");
        assertThat(put(id, new byte[] {2})).isEqualTo(204);

        retention.purgeExpired();

        assertThat(get(id).body()).containsExactly(2);
    }

    /** A GET of a blob-store backend reads only the store, so it keeps working without the database. */
    @Test
    void aDatabaseFailureIs503WithoutEchoingTheBackupId() throws Exception {
        String id = Hex.encode(CryptoRandom.bytes(32));
        assertThat(put(id, new byte[] {1})).isEqualTo(201);
        jdbc.sql("ALTER TABLE safe." + table() + " RENAME TO " + table() + "_away").update();
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "backups/" + id))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(503);
            if (table().equals("backups")) {
                response = get(id);
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(id);
            } else {
                assertThat(get(id).body()).containsExactly(1);
            }
            assertThat(put(id, new byte[] {2})).isEqualTo(503);
        } finally {
            jdbc.sql("ALTER TABLE safe." + table() + "_away RENAME TO " + table()).update();
        }
        // The failed PUT left the stored backup as it was.
        assertThat(get(id).body()).containsExactly(1);
    }

    @Test
    void aConnectionDroppedMidBodyLeavesTheOldBackup() throws Exception {
        String id = Hex.encode(CryptoRandom.bytes(32));
        byte[] old = CryptoRandom.bytes(5000);
        assertThat(put(id, old)).isEqualTo(201);

        try (Socket socket = new Socket("127.0.0.1", serverPort)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /backups/" + id + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: 200000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[100_000]);
            out.flush();
            Thread.sleep(200);
        }

        // The server sees the reset asynchronously; until then and after, the old backup is what is stored.
        for (int i = 0; i < 10; i++) {
            assertThat(get(id).body()).isEqualTo(old);
            Thread.sleep(50);
        }
        assertThat(put(id, old)).isEqualTo(204);
    }

    void age(String id, String interval) {
        int updated = jdbc.sql("UPDATE safe." + table() + " SET updated_at = now() - CAST(:age AS interval) WHERE backup_id = :id")
                .param("age", interval)
                .param("id", Hex.decode(id))
                .update();
        assertThat(updated).isEqualTo(1);
    }
}
