package dev.parley.blobstore;

import io.netty.buffer.ByteBuf;
import java.net.URI;
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
 * Ranged GETs of one bucket's objects: signed with the SDK's own SigV4 signer, the client's
 * credentials and its object URLs, and sent with Reactor Netty on the event loops the services
 * already serve from.
 *
 * <p>Why not the SDK's {@code getObject}: a 64 KiB download through it cost the media service
 * 0.5–0.9 ms of CPU, most of it the SDK's request pipeline and the hand-offs between its own event
 * loops, its completion executor and the server's loops. Downloads are the one S3 call on a hot
 * path, so they alone take this route; writes, deletes and HEADs stay on the SDK, with its retries.
 */
public final class S3ObjectReader implements AutoCloseable {

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

    private S3ObjectReader(String bucket, String objectUrlPrefix, Region region,
            IdentityProvider<? extends AwsCredentialsIdentity> credentials, int maxConnections) {
        this.bucket = bucket;
        this.objectUrlPrefix = objectUrlPrefix;
        this.region = region;
        this.credentials = credentials;
        // S3 closes connections idle for about 20 s; one taken from the pool after that would fail.
        this.connections = ConnectionProvider.builder("s3-reads-" + bucket)
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(Duration.ofSeconds(30))
                .maxIdleTime(Duration.ofSeconds(15))
                .build();
        this.http = HttpClient.create(connections).responseTimeout(Duration.ofSeconds(30));
    }

    /**
     * A reader for {@code bucket} that reaches it exactly as {@code client} does: same endpoint and
     * addressing style, region and credentials.
     */
    public static S3ObjectReader create(S3AsyncClient client, String bucket, int maxConnections) {
        String url = client.utilities().getUrl(b -> b.bucket(bucket).key(PLACEHOLDER_KEY)).toExternalForm();
        if (!url.endsWith("/" + PLACEHOLDER_KEY)) {
            throw new IllegalStateException("unexpected S3 object URL: " + url);
        }
        String prefix = url.substring(0, url.length() - PLACEHOLDER_KEY.length());
        var configuration = client.serviceClientConfiguration();
        return new S3ObjectReader(bucket, prefix, configuration.region(), configuration.credentialsProvider(),
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
                .flatMapMany(identity -> send(sign(uri, range, identity), key, buffers))
                .retryWhen(Retry.backoff(MAX_RETRIES, FIRST_BACKOFF).filter(S3ObjectReader::isTransient));
    }

    private SdkHttpRequest sign(URI uri, String range, AwsCredentialsIdentity identity) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(uri)
                .putHeader("Range", range).build();
        return signer.sign(r -> r.identity(identity).request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                // An empty GET body: S3 takes UNSIGNED-PAYLOAD, and S3 signs paths as they are.
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)).request();
    }

    private Flux<DataBuffer> send(SdkHttpRequest signed, String key, DataBufferFactory buffers) {
        return http.headers(headers -> {
                    for (Map.Entry<String, List<String>> header : signed.headers().entrySet()) {
                        headers.set(header.getKey(), header.getValue());
                    }
                })
                .get()
                .uri(signed.getUri())
                .response((response, body) -> {
                    int status = response.status().code();
                    if (status == 200 || status == 206) {
                        return body.retain().map(buffer -> wrap(buffer, buffers));
                    }
                    // The error document is small; read it so the connection can be reused.
                    return body.aggregate().asString().defaultIfEmpty("")
                            .flatMapMany(text -> Flux.error(refusal(status, key)));
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

    private static S3Exception refusal(int status, String key) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .message("GET of object " + key + " answered " + status).build();
    }

    /** Refusals come before any byte of a body, so retrying them can never repeat bytes. */
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
