package dev.parley.media.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.media.BlobClient;
import dev.parley.client.media.BlobHttpException;
import dev.parley.media.MediaServiceTest;
import dev.parley.media.RawHttp;
import dev.parley.media.expiry.ExpiryJob;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The blob server API end to end through {@link BlobClient}, on the filesystem backend. */
class BlobApiTest extends MediaServiceTest {

    @Autowired
    ExpiryJob expiry;

    static byte[] blob(int size) {
        byte[] bytes = new byte[size];
        new Random(size * 31L).nextBytes(bytes);
        return bytes;
    }

    private static String status(BlobClientCall call) {
        try {
            call.run();
            return "ok";
        } catch (BlobHttpException e) {
            return Integer.toString(e.status());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    interface BlobClientCall {
        void run() throws Exception;
    }

    @Test
    void uploadAnswersExactlyThirtyTwoLowercaseHexAsPlainTextWithoutNewline() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base().resolve("upload?persist=0"))
                .header("Content-Type", "multipart/form-data; boundary=" + RawHttp.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(RawHttp.concat(RawHttp.partHead(), blob(1000), RawHttp.partTail())))
                .build();

        HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body()).hasSize(32);
        assertThat(new String(response.body(), StandardCharsets.US_ASCII)).matches("[0-9a-f]{32}");
    }

    @Test
    void desktopStyleUploadWithFileNameBlobIsAccepted() {
        WebTestClient web = WebTestClient.bindToServer().baseUrl(base().toString()).build();
        org.springframework.http.client.MultipartBodyBuilder form = new org.springframework.http.client.MultipartBodyBuilder();
        form.part("blob", new org.springframework.core.io.ByteArrayResource(blob(10)) {
            @Override
            public String getFilename() {
                return "blob";
            }
        });

        web.post().uri("/upload?persist=1").header(HttpHeaders.ACCEPT, "text/plain")
                .body(org.springframework.web.reactive.function.BodyInserters.fromMultipartData(form.build()))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(id -> assertThat(id).matches("[0-9a-f]{32}"));
    }

    @Test
    void singleUseBlobIsGoneAfterDone() throws Exception {
        BlobClient client = client();
        byte[] data = blob(200_000);
        String id = client.upload(data, false);

        assertThat(client.download(id)).isEqualTo(data);
        assertThat(storedFile(id)).isTrue();
        client.done(id);

        assertThat(status(() -> client.download(id))).isEqualTo("404");
        assertThat(status(() -> client.done(id))).isEqualTo("404");
        assertThat(client.size(id)).isEmpty();
        assertThat(storedFile(id)).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM blob WHERE id = :id").param("id", BlobId.parse(id).bytes())
                .query(Long.class).single()).isZero();
    }

    @Test
    void groupBlobSurvivesDoneUntilItExpires() throws Exception {
        BlobClient client = client();
        byte[] data = blob(5000);
        String id = client.upload(data, true);

        client.done(id);
        client.done(id);
        assertThat(client.download(id)).isEqualTo(data);
        assertThat(jdbc.sql("SELECT done_at IS NOT NULL FROM blob WHERE id = :id").param("id", BlobId.parse(id).bytes())
                .query(Boolean.class).single()).isTrue();

        clock.advance(Duration.ofMinutes(61));
        assertThat(status(() -> client.download(id))).isEqualTo("404");
        assertThat(status(() -> client.done(id))).isEqualTo("404");
        assertThat(storedFile(id)).as("bytes stay until the job runs").isTrue();

        long deleted = expiry.runOnce().block(Duration.ofSeconds(30));

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(storedFile(id)).isFalse();
        // Every blob uploaded so far has expired by now: none is left, neither row nor file.
        assertThat(rows()).isZero();
        assertThat(storedFiles()).isZero();
    }

    /**
     * Concurrent downloads share lookups under load: each still gets its own blob, or 404 for a
     * consumed blob, an unknown ID and a device group's local mirror copy.
     */
    @Test
    void concurrentDownloadsEachGetTheirOwnAnswer() throws Exception {
        BlobClient client = client();
        java.util.Map<String, byte[]> expected = new java.util.HashMap<>();
        for (int i = 0; i < 8; i++) {
            byte[] data = blob(1000 + i);
            expected.put(client.upload(data, i % 2 == 0), data);
        }
        for (int i = 0; i < 3; i++) {
            String consumed = client.upload(blob(300 + i), false);
            client.done(consumed);
            expected.put(consumed, null);
        }
        byte[] deviceGroup = new byte[32];
        new Random(7).nextBytes(deviceGroup);
        expected.put(client.mirrorUpload(new dev.parley.client.media.MirrorDevice(1, deviceGroup),
                dev.parley.client.media.BlobScope.LOCAL, true, blob(77)), null);
        expected.put("00112233445566778899aabbccddeeff", null);
        java.util.List<String> ids = new java.util.ArrayList<>(expected.keySet());

        java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> responses = new java.util.ArrayList<>();
        java.util.List<String> asked = new java.util.ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String id = ids.get(i % ids.size());
            asked.add(id);
            responses.add(HTTP.sendAsync(HttpRequest.newBuilder(base().resolve(id)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }

        for (int i = 0; i < asked.size(); i++) {
            HttpResponse<byte[]> response = responses.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS);
            byte[] data = expected.get(asked.get(i));
            if (data == null) {
                assertThat(response.statusCode()).as(asked.get(i)).isEqualTo(404);
            } else {
                assertThat(response.statusCode()).as(asked.get(i)).isEqualTo(200);
                assertThat(response.body()).isEqualTo(data);
            }
        }
    }

    @Test
    void unknownBlobsAre404() {
        BlobClient client = client();
        String unknown = "00112233445566778899aabbccddeeff";

        assertThat(status(() -> client.download(unknown))).isEqualTo("404");
        assertThat(status(() -> client.done(unknown))).isEqualTo("404");
    }

    @Test
    void rangeRequestsResumeDownloads() throws Exception {
        BlobClient client = client();
        byte[] data = blob(100_000);
        String id = client.upload(data, true);

        assertThat(client.download(id, 1000, 1999)).isEqualTo(Arrays.copyOfRange(data, 1000, 2000));
        assertThat(client.download(id, 99_990, 200_000)).isEqualTo(Arrays.copyOfRange(data, 99_990, 100_000));

        HttpResponse<byte[]> suffix = HTTP.send(HttpRequest.newBuilder(base().resolve(id)).header("Range", "bytes=-10").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.headers().firstValue("Content-Range")).hasValue("bytes 99990-99999/100000");
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(data, 99_990, 100_000));

        HttpResponse<byte[]> outside = HTTP.send(HttpRequest.newBuilder(base().resolve(id)).header("Range", "bytes=100000-").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(outside.statusCode()).isEqualTo(416);
        assertThat(outside.headers().firstValue("Content-Range")).hasValue("bytes */100000");

        HttpResponse<byte[]> several = HTTP.send(HttpRequest.newBuilder(base().resolve(id)).header("Range", "bytes=0-1,5-6").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(several.statusCode()).isEqualTo(200);
        assertThat(several.body()).isEqualTo(data);
    }

    @Test
    void headGivesTheSizeWithoutTheBody() throws Exception {
        BlobClient client = client();
        String id = client.upload(blob(12_345), true);

        assertThat(client.size(id)).hasValue(12_345);
        HttpResponse<byte[]> head = HTTP.send(HttpRequest.newBuilder(base().resolve(id))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(head.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    }

    @Test
    void perPrefixHostnamesServeTheSamePaths() throws Exception {
        String id = client().upload(blob(64), false);
        WebTestClient web = WebTestClient.bindToServer().baseUrl(base().toString()).build();

        web.get().uri("/" + id).header(HttpHeaders.HOST, "blobp-" + id.substring(0, 2) + ".example.org")
                .exchange().expectStatus().isOk().expectBody(byte[].class).isEqualTo(blob(64));
        web.post().uri("/" + id + "/done").header(HttpHeaders.HOST, "blobp-" + id.substring(0, 2) + ".example.org")
                .exchange().expectStatus().isNoContent().expectBody().isEmpty();
    }

    @Test
    void aFileUploadStreamsAndDownloadsToAFile(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("in.bin");
        Files.write(source, blob(3 * 1024 * 1024));
        BlobClient client = client();

        String id = client.upload(source, false);
        long size = client.downloadTo(id, dir.resolve("out.bin"));

        assertThat(size).isEqualTo(3 * 1024 * 1024);
        assertThat(Files.mismatch(source, dir.resolve("out.bin"))).isEqualTo(-1);
    }

    @Test
    void blobIdsAreCaseInsensitiveOnTheWayIn() throws Exception {
        byte[] data = blob(77);
        String id = client().upload(data, true);

        HttpResponse<byte[]> upper = HTTP.send(HttpRequest.newBuilder(URI.create(base() + id.toUpperCase())).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(upper.statusCode()).isEqualTo(200);
        assertThat(upper.body()).isEqualTo(data);
    }
}
