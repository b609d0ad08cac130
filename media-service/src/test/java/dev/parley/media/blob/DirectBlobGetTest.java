package dev.parley.media.blob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.MediaApplication;
import dev.parley.media.MediaServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;

/**
 * Downloads taken below WebFlux ({@link DirectBlobGet}) answer exactly as WebFlux does. The
 * WebFlux answers come from a second instance of the service with Basic authentication
 * configured, which therefore sends every request through WebFlux; it shares the database, Redis
 * and the blob directory, so both instances serve the same blobs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectBlobGetTest extends MediaServiceTest {

    private static final String CREDENTIALS = "Basic " + Base64.getEncoder()
            .encodeToString("media:secret".getBytes(StandardCharsets.UTF_8));
    private static final String UNKNOWN = "00112233445566778899aabbccddeeff";

    @Autowired
    Environment environment;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ConfigurableApplicationContext shared;

    private ConfigurableApplicationContext withAuth;

    @BeforeAll
    void startAnInstanceWithAuthentication() {
        List<String> properties = new ArrayList<>();
        for (String shared : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                "spring.data.redis.host", "spring.data.redis.port", "parley.media.redis.key-prefix",
                "parley.media.storage.filesystem.directory", "parley.media.internal.api-secret",
                "parley.media.blobs.max-size", "parley.media.blobs.lifetime", "parley.media.expiry.interval")) {
            properties.add("--" + shared + "=" + environment.getRequiredProperty(shared));
        }
        properties.addAll(List.of("--server.port=0", "--management.server.port=0",
                "--parley.media.auth.basic-username=media", "--parley.media.auth.basic-password=secret"));
        // Arguments, as the service's own defaults would win over default properties.
        withAuth = MediaApplication.application().run(properties.toArray(String[]::new));
        // Closed with the shared context, not after this class: closing a service disposes
        // Reactor Netty's global event loops, which the shared context's management server,
        // still used by later test classes, runs on.
        shared.addApplicationListener((ContextClosedEvent closed) -> withAuth.close());
    }

    private URI webflux(String path) {
        int authPort = ((WebServerApplicationContext) withAuth).getWebServer().getPort();
        return URI.create("http://127.0.0.1:" + authPort + "/" + path);
    }

    private static HttpResponse<byte[]> send(URI uri, String method, String range, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
        if (range != null) {
            request.header("Range", range);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends the same request down both paths and checks that status, headers and body agree. */
    private HttpResponse<byte[]> sameOnBothPaths(String path, String method, String range) throws Exception {
        HttpResponse<byte[]> direct = send(base().resolve(path), method, range, null);
        HttpResponse<byte[]> throughWebFlux = send(webflux(path), method, range, CREDENTIALS);

        String what = method + " " + path + " Range: " + range;
        assertThat(direct.statusCode()).as(what).isEqualTo(throughWebFlux.statusCode());
        assertThat(direct.headers().map()).as(what).isEqualTo(throughWebFlux.headers().map());
        assertThat(direct.body()).as(what).isEqualTo(throughWebFlux.body());
        return direct;
    }

    @Test
    void everyDownloadAnswerIsWebFluxs() throws Exception {
        byte[] data = BlobApiTest.blob(70_000);
        String id = client().upload(data, true);
        String empty = client().upload(new byte[0], true);

        HttpResponse<byte[]> whole = sameOnBothPaths(id, "GET", null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(data);
        assertThat(whole.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(sameOnBothPaths(id.toUpperCase(), "GET", null).body()).isEqualTo(data);
        assertThat(sameOnBothPaths(id, "HEAD", null).headers().firstValueAsLong("Content-Length")).hasValue(70_000);
        assertThat(sameOnBothPaths(empty, "GET", null).statusCode()).isEqualTo(200);

        HttpResponse<byte[]> part = sameOnBothPaths(id, "GET", "bytes=1000-1999");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(data, 1000, 2000));
        assertThat(sameOnBothPaths(id, "GET", "bytes=-10").statusCode()).isEqualTo(206);
        assertThat(sameOnBothPaths(id, "HEAD", "bytes=5-").statusCode()).isEqualTo(206);
        assertThat(sameOnBothPaths(id, "GET", "bytes=0-1,5-6").statusCode()).isEqualTo(200);
        assertThat(sameOnBothPaths(id, "GET", "bytes=70000-").statusCode()).isEqualTo(416);
        assertThat(sameOnBothPaths(id, "HEAD", "bytes=70000-").statusCode()).isEqualTo(416);

        HttpResponse<byte[]> missing = sameOnBothPaths(UNKNOWN, "GET", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(new String(missing.body(), StandardCharsets.UTF_8)).isEqualTo("blob not found");
        assertThat(sameOnBothPaths(UNKNOWN, "HEAD", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aConsumedBlobIs404OnBothPaths() throws Exception {
        String id = client().upload(BlobApiTest.blob(100), false);
        client().done(id);

        assertThat(sameOnBothPaths(id, "GET", null).statusCode()).isEqualTo(404);
    }

    /** With authentication configured nothing is served without it, downloads included. */
    @Test
    void withAuthenticationEveryDownloadIsChecked() throws Exception {
        String id = client().upload(BlobApiTest.blob(100), true);

        for (String method : List.of("GET", "HEAD")) {
            HttpResponse<byte[]> refused = send(webflux(id), method, null, null);
            assertThat(refused.statusCode()).as(method).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).as(method).hasValue("Basic realm=\"parley-media\"");
            assertThat(refused.body()).as(method).isEmpty();
        }
        assertThat(send(webflux(id), "GET", null, "Basic " + Base64.getEncoder()
                .encodeToString("media:wrong".getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(401);
        assertThat(send(webflux(id), "GET", null, CREDENTIALS).statusCode()).isEqualTo(200);
    }

    /** Ranges at odd offsets of a large file, sent from the descriptor the lookup opened. */
    @Test
    void rangesOfALargeBlobAreExact() throws Exception {
        byte[] data = BlobApiTest.blob(3 * 1024 * 1024 + 17);
        String id = client().upload(data, true);

        for (long[] range : new long[][] {{1, 1}, {123_457, 987_653}, {65_535, 65_537}, {data.length - 4097, data.length - 1}}) {
            HttpResponse<byte[]> part = send(base().resolve(id), "GET", "bytes=" + range[0] + "-" + range[1], null);
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(part.headers().firstValue("Content-Range"))
                    .hasValue("bytes " + range[0] + "-" + range[1] + "/" + data.length);
            assertThat(part.body()).isEqualTo(Arrays.copyOfRange(data, (int) range[0], (int) range[1] + 1));
        }
        assertThat(send(base().resolve(id), "GET", null, null).body()).isEqualTo(data);
    }

    /** A download sends the file its lookup opened; the descriptor is closed once the answer is out. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void downloadsLeaveNoFilesOpen() throws Exception {
        byte[] data = BlobApiTest.blob(70_000);
        String id = client().upload(data, true);

        for (int i = 0; i < 10; i++) {
            assertThat(send(base().resolve(id), "GET", null, null).body()).isEqualTo(data);
            assertThat(send(base().resolve(id), "GET", "bytes=10-20", null).statusCode()).isEqualTo(206);
            assertThat(send(base().resolve(id), "GET", "bytes=70000-", null).statusCode()).isEqualTo(416);
            assertThat(send(base().resolve(id), "HEAD", null, null).statusCode()).isEqualTo(200);
            assertThat(send(webflux(id), "GET", null, CREDENTIALS).body()).isEqualTo(data);
        }

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (openStoreFiles() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(openStoreFiles()).isZero();
    }

    @Test
    void directDownloadsAreTimedUnderTheControllersTemplate() throws Exception {
        double missing = count("GET", "404");
        double heads = count("HEAD", "404");

        for (int i = 0; i < 3; i++) {
            assertThat(send(base().resolve(UNKNOWN), "GET", null, null).statusCode()).isEqualTo(404);
        }
        assertThat(send(base().resolve(UNKNOWN), "HEAD", null, null).statusCode()).isEqualTo(404);

        // A request is timed once its response is out, which the client may see first.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while ((count("GET", "404") < missing + 3 || count("HEAD", "404") < heads + 1) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(count("GET", "404")).isEqualTo(missing + 3);
        assertThat(count("HEAD", "404")).isEqualTo(heads + 1);
    }

    @Test
    void theDirectPathTakesExactlyTheControllersBlobPaths() {
        List<String> paths = List.of("/" + UNKNOWN, "/" + UNKNOWN.toUpperCase(), "/" + UNKNOWN.substring(1),
                "/" + UNKNOWN + "0", "/" + UNKNOWN.replace('f', 'g'), "/" + UNKNOWN.replace('f', 'G'),
                "/" + UNKNOWN.replace('0', '\u0660'), "/" + UNKNOWN.replace('a', '/'), "x" + UNKNOWN + "0", "/upload", "/");
        for (String path : paths) {
            assertThat(DirectBlobGet.isBlobPath(path)).as(path).isEqualTo(path.matches("/[0-9a-fA-F]{32}"));
        }
    }

    private double count(String method, String status) {
        Timer timer = meters.find("http.server.requests")
                .tags("method", method, "uri", "/" + BlobController.BLOB_ID, "status", status, "outcome", "CLIENT_ERROR")
                .timer();
        return timer == null ? 0 : timer.count();
    }

    /** Descriptors of this JVM (which runs both instances) open on a file of the blob directory. */
    private static long openStoreFiles() {
        Path root = STORAGE.toAbsolutePath();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).startsWith(root);
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
