package dev.parley.blobstore;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.retry.Retry;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Ranged GETs and whole-object PUTs of one bucket's objects: signed with the SDK's own SigV4
 * signer, the client's credentials and its object URLs, and sent with Reactor Netty on the event
 * loops the services already serve from.
 *
 * <p>Why not the SDK's {@code getObject} and {@code putObject}: a 64 KiB download through it cost
 * the media service 0.5–0.9 ms of CPU, most of it the SDK's request pipeline and the hand-offs
 * between its own event loops, its completion executor and the server's loops. Downloads and
 * uploads are the S3 calls on hot paths, so they take this route; deletes, HEADs and snapshots
 * stay on the SDK, with its retries.
 */
public final class S3Objects implements AutoCloseable {

    /** Answers a request may get again: S3's throttling and its transient server errors. */
    private static final int MAX_RETRIES = 2;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    private static final String PLACEHOLDER_KEY = "parley-placeholder-key";

    private final String bucket;
    private final String objectUrlPrefix;
    private final Region region;
    private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final ConnectionProvider connections;
    private final HttpClient http;

    private S3Objects(String bucket, String objectUrlPrefix, Region region,
            IdentityProvider<? extends AwsCredentialsIdentity> credentials, int maxConnections) {
        this.bucket = bucket;
        this.objectUrlPrefix = objectUrlPrefix;
        this.region = region;
        this.credentials = credentials;
        // S3 closes connections idle for about 20 s; one taken from the pool after that would fail.
        this.connections = ConnectionProvider.builder("s3-objects-" + bucket)
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(Duration.ofSeconds(30))
                .maxIdleTime(Duration.ofSeconds(15))
                .build();
        this.http = HttpClient.create(connections).responseTimeout(Duration.ofSeconds(30));
    }

    /**
     * Requests for {@code bucket} that reach it exactly as {@code client} does: same endpoint and
     * addressing style, region and credentials.
     */
    public static S3Objects create(S3AsyncClient client, String bucket, int maxConnections) {
        String url = client.utilities().getUrl(b -> b.bucket(bucket).key(PLACEHOLDER_KEY)).toExternalForm();
        if (!url.endsWith("/" + PLACEHOLDER_KEY)) {
            throw new IllegalStateException("unexpected S3 object URL: " + url);
        }
        String prefix = url.substring(0, url.length() - PLACEHOLDER_KEY.length());
        var configuration = client.serviceClientConfiguration();
        return new S3Objects(bucket, prefix, configuration.region(), configuration.credentialsProvider(),
                maxConnections);
    }

    public String bucket() {
        return bucket;
    }

    /**
     * The bytes {@code offset .. offset + length - 1} of the object under {@code key}. A missing
     * object fails with an {@link S3Exception} of status 404, like any other refusal.
     */
    public Flux<DataBuffer> read(String key, long offset, long length, DataBufferFactory buffers) {
        StoreKeys.check(key);
        // Store keys are URL-safe as they are, so the key goes into the path verbatim.
        URI uri = URI.create(objectUrlPrefix + key);
        String range = "bytes=" + offset + "-" + (offset + length - 1);
        return Mono.fromFuture(credentials::resolveIdentity)
                .flatMapMany(identity -> send(sign(SdkHttpMethod.GET, uri, "Range", range, identity), key, buffers))
                .retryWhen(Retry.backoff(MAX_RETRIES, FIRST_BACKOFF).filter(S3Objects::isTransient));
    }

    /** Signs a request whose one header besides the signature's own is {@code header}. */
    private SdkHttpRequest sign(SdkHttpMethod method, URI uri, String header, String value,
            AwsCredentialsIdentity identity) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(method).uri(uri).putHeader(header, value).build();
        return signer.sign(r -> r.identity(identity).request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                // S3 takes UNSIGNED-PAYLOAD for either body, and S3 signs paths as they are.
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)).request();
    }

    /**
     * Stores {@code file} (its first {@code size} bytes) as the object under {@code key}, replacing
     * any object there in one step, as S3 does. The body is not signed (UNSIGNED-PAYLOAD, as for
     * the GETs): hashing every upload would cost a full read of it, TLS protects it in transit, and
     * what the services store is encrypted and authenticated end to end by the clients anyway.
     * Throttling and server errors are retried with the whole file sent again.
     */
    public Mono<Void> put(String key, Path file, long size, String contentType) {
        StoreKeys.check(key);
        URI uri = URI.create(objectUrlPrefix + key);
        return Mono.fromFuture(credentials::resolveIdentity)
                .flatMap(identity -> sendPut(sign(SdkHttpMethod.PUT, uri, "Content-Type", contentType, identity), key,
                        file, size))
                .retryWhen(Retry.backoff(MAX_RETRIES, FIRST_BACKOFF).filter(S3Objects::isTransient));
    }

    private Mono<Void> sendPut(SdkHttpRequest signed, String key, Path file, long size) {
        return http.headers(headers -> {
                    copy(signed, headers);
                    headers.set(HttpHeaderNames.CONTENT_LENGTH, size);
                })
                .put()
                .uri(signed.getUri())
                .send((request, out) -> out.sendFile(file, 0, size))
                .responseSingle((response, body) -> {
                    int status = response.status().code();
                    // Read the small answer either way so the connection can be reused.
                    return body.asString().defaultIfEmpty("").flatMap(text -> status == 200
                            ? Mono.<Void>empty()
                            : Mono.<Void>error(refusal("PUT", status, key)));
                });
    }

    private static void copy(SdkHttpRequest signed, HttpHeaders headers) {
        for (Map.Entry<String, List<String>> header : signed.headers().entrySet()) {
            headers.set(header.getKey(), header.getValue());
        }
    }

    private Flux<DataBuffer> send(SdkHttpRequest signed, String key, DataBufferFactory buffers) {
        return http.headers(headers -> copy(signed, headers))
                .get()
                .uri(signed.getUri())
                .response((response, body) -> {
                    int status = response.status().code();
                    if (status == 200 || status == 206) {
                        return body.retain().map(buffer -> wrap(buffer, buffers));
                    }
                    // The error document is small; read it so the connection can be reused.
                    return body.aggregate().asString().defaultIfEmpty("")
                            .flatMapMany(text -> Flux.error(refusal("GET", status, key)));
                });
    }

    private static DataBuffer wrap(ByteBuf buffer, DataBufferFactory buffers) {
        if (buffers instanceof NettyDataBufferFactory netty) {
            return netty.wrap(buffer);
        }
        try {
            DataBuffer copy = buffers.allocateBuffer(buffer.readableBytes());
            copy.write(buffer.nioBuffer());
            return copy;
        } finally {
            buffer.release();
        }
    }

    private static S3Exception refusal(String method, int status, String key) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .message(method + " of object " + key + " answered " + status).build();
    }

    /**
     * A GET's refusal comes before any byte of its body, so retrying it can never repeat bytes; a
     * PUT sends its whole file again.
     */
    private static boolean isTransient(Throwable error) {
        return error instanceof S3Exception s3 && (s3.statusCode() == 429 || s3.statusCode() >= 500);
    }

    /**
     * Closes the pooled connections, waiting briefly so that a stopping service leaves none open;
     * a pool whose event loops were shut down first cannot hold the shutdown up.
     */
    @Override
    public void close() {
        connections.disposeLater().timeout(Duration.ofSeconds(5)).onErrorResume(error -> Mono.empty()).block();
    }
}
