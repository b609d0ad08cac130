package dev.parley.blobstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What the download and upload paths send and how they take refusals, against a plain HTTP server of the
 * test's own that records each request and answers as scripted. (That its signatures satisfy a
 * real S3 server is the store contract's part: {@link S3BlobStoreTest} runs against s3proxy with
 * authentication on.)
 */
class S3ObjectsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final byte[] BODY = "0123456789".getBytes();

    private static final List<HttpHeaders> requests = new CopyOnWriteArrayList<>();
    private static final List<String> paths = new CopyOnWriteArrayList<>();
    private static final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private static final AtomicInteger seen = new AtomicInteger();
    private static volatile int failures;
    private static volatile HttpResponseStatus failure = HttpResponseStatus.OK;
    private static DisposableServer server;
    private static S3AsyncClient client;
    private static S3Objects objects;

    /** Answers each request with {@code failure} while fewer than {@code failures} came before it, then with a 206. */
    @BeforeAll
    static void start() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0])
                        .flatMap(body -> {
                            requests.add(request.requestHeaders().copy());
                            paths.add(request.method() + " " + request.uri());
                            bodies.add(body);
                            if (seen.getAndIncrement() < failures) {
                                return response.status(failure).sendString(Mono.just("<Error><Code>x</Code></Error>")).then();
                            }
                            if (request.method().equals(HttpMethod.PUT)) {
                                return response.status(HttpResponseStatus.OK).send().then();
                            }
                            return response.status(HttpResponseStatus.PARTIAL_CONTENT)
                                    .sendByteArray(Mono.just(BODY)).then();
                        }))
                .bindNow();
        client = S3AsyncClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .forcePathStyle(true)
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("objects-key", "objects-secret")))
                .build();
        objects = S3Objects.create(client, "media", 4);
    }

    @AfterAll
    static void stop() {
        objects.close();
        client.close();
        server.disposeNow();
    }

    private static void script(int failing, HttpResponseStatus status) {
        requests.clear();
        paths.clear();
        bodies.clear();
        seen.set(0);
        failures = failing;
        failure = status;
    }

    @Test
    void sendsOneSignedRangedGetToTheObjectsPathStyleUrl() {
        script(0, HttpResponseStatus.OK);

        assertThat(read(objects.read("abcdef0123", 10, 10, DefaultDataBufferFactory.sharedInstance))).isEqualTo(BODY);

        assertThat(paths).containsExactly("GET /media/abcdef0123");
        HttpHeaders sent = requests.get(0);
        assertThat(sent.get("Range")).isEqualTo("bytes=10-19");
        assertThat(sent.get("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(sent.get("X-Amz-Date")).matches("\\d{8}T\\d{6}Z");
        assertThat(sent.get("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=objects-key/")
                .contains("/eu-central-1/s3/aws4_request")
                .contains("SignedHeaders=host;range;x-amz-content-sha256;x-amz-date")
                .containsPattern("Signature=[0-9a-f]{64}$");
        assertThat(sent.get("Host")).isEqualTo("127.0.0.1:" + server.port());
    }

    @Test
    void nettyBuffersPassThroughWithoutACopyAndAreReleasedByTheirReader() {
        script(0, HttpResponseStatus.OK);
        NettyDataBufferFactory netty = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT);

        List<DataBuffer> buffers = objects.read("abcdef0123", 0, 10, netty).collectList().block(WAIT);

        assertThat(buffers).isNotEmpty().allSatisfy(buffer -> assertThat(buffer).isInstanceOf(NettyDataBuffer.class));
        assertThat(buffers.stream().mapToInt(DataBuffer::readableByteCount).sum()).isEqualTo(BODY.length);
        buffers.forEach(DataBufferUtils::release);
        assertThat(buffers).allSatisfy(buffer -> assertThat(((NettyDataBuffer) buffer).getNativeBuffer().refCnt()).isZero());
    }

    @Test
    void throttlingAndServerErrorsAreRetriedBeforeAnyByteArrives() {
        script(2, HttpResponseStatus.SERVICE_UNAVAILABLE);

        assertThat(read(objects.read("abcdef0123", 0, 10, DefaultDataBufferFactory.sharedInstance))).isEqualTo(BODY);
        assertThat(requests).hasSize(3);
        // Each attempt is signed anew.
        assertThat(requests).allSatisfy(headers -> assertThat(headers.get("Authorization")).isNotBlank());
    }

    @Test
    void aStoreThatKeepsFailingFailsTheReadAfterTheRetries() {
        script(Integer.MAX_VALUE, HttpResponseStatus.INTERNAL_SERVER_ERROR);

        assertThatThrownBy(() -> read(objects.read("abcdef0123", 0, 10, DefaultDataBufferFactory.sharedInstance)))
                .hasRootCauseInstanceOf(S3Exception.class)
                .rootCause().satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(500));
        assertThat(requests).hasSize(3);
    }

    @Test
    void aMissingObjectFailsAsANotFoundAtOnce() {
        script(Integer.MAX_VALUE, HttpResponseStatus.NOT_FOUND);

        assertThatThrownBy(() -> read(objects.read("abcdef0123", 0, 10, DefaultDataBufferFactory.sharedInstance)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThat(requests).hasSize(1);
    }

    @Test
    void putsTheWholeFileWithItsLengthInOneSignedPut(@TempDir Path directory) throws IOException {
        script(0, HttpResponseStatus.OK);
        byte[] bytes = new byte[300_000];
        new Random(7).nextBytes(bytes);
        Path file = Files.write(directory.resolve("spooled"), bytes);

        objects.put("abcdef0123", file, bytes.length, "application/octet-stream").block(WAIT);

        assertThat(paths).containsExactly("PUT /media/abcdef0123");
        assertThat(bodies.get(0)).isEqualTo(bytes);
        HttpHeaders sent = requests.get(0);
        assertThat(sent.get("Content-Length")).isEqualTo(String.valueOf(bytes.length));
        assertThat(sent.get("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(sent.get("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(sent.get("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=objects-key/")
                .contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date");
    }

    @Test
    void aPutThatMeetsAServerErrorSendsTheWholeFileAgain(@TempDir Path directory) throws IOException {
        script(1, HttpResponseStatus.SERVICE_UNAVAILABLE);
        Path file = Files.write(directory.resolve("spooled"), BODY);

        objects.put("abcdef0123", file, BODY.length, "application/octet-stream").block(WAIT);

        assertThat(bodies).hasSize(2).allSatisfy(body -> assertThat(body).isEqualTo(BODY));
    }

    @Test
    void aRefusedPutFailsWithTheStatusAtOnce(@TempDir Path directory) throws IOException {
        script(Integer.MAX_VALUE, HttpResponseStatus.FORBIDDEN);
        Path file = Files.write(directory.resolve("spooled"), BODY);

        assertThatThrownBy(() -> objects.put("abcdef0123", file, BODY.length, "application/octet-stream").block(WAIT))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        assertThat(requests).hasSize(1);
    }

    @Test
    void refusesKeysTheStoresNeverWrite() {
        script(0, HttpResponseStatus.OK);

        assertThatThrownBy(() -> objects.read("../etc", 0, 10, DefaultDataBufferFactory.sharedInstance))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(requests).isEmpty();
    }

    private static byte[] read(Flux<DataBuffer> content) {
        DataBuffer joined = DataBufferUtils.join(content).block(WAIT);
        byte[] bytes = new byte[joined.readableByteCount()];
        joined.read(bytes);
        DataBufferUtils.release(joined);
        return bytes;
    }
}
