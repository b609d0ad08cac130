package dev.parley.pushrelay.push;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * One Reactor Netty client per provider endpoint with its own connection pool, so a slow provider
 * cannot take connections from another. HTTP/2 endpoints use ALPN over TLS for {@code https} and
 * prior-knowledge h2c for {@code http} (local test servers and air-gapped proxies). Over HTTP/1.1 the
 * pool's {@code maxConnections} bounds the requests in flight; the rest wait for a free connection.
 */
public final class ProviderClient implements AutoCloseable {

    private final ConnectionProvider pool;
    private final HttpClient client;
    private final Duration timeout;
    private final String baseUrl;

    public ProviderClient(String name, URI baseUrl, Duration timeout, int maxConnections, WireProtocol protocol) {
        this.timeout = timeout;
        this.baseUrl = stripTrailingSlash(baseUrl.toString());
        this.pool = ConnectionProvider.builder("parley-push-" + name)
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(timeout)
                .maxIdleTime(Duration.ofSeconds(60))
                .build();
        boolean tls = "https".equalsIgnoreCase(baseUrl.getScheme());
        HttpClient base = HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                // HTTP/1.1 requests leave as two writes (head, then body): with Nagle on, the body
                // waits for the server's delayed ACK of the head, about 40 ms a push.
                .option(ChannelOption.TCP_NODELAY, true)
                .responseTimeout(timeout)
                .baseUrl(this.baseUrl);
        this.client = switch (protocol) {
            case H2 -> tls ? base.secure().protocol(HttpProtocol.H2) : base.protocol(HttpProtocol.H2C);
            case HTTP1 -> tls ? base.secure().protocol(HttpProtocol.HTTP11) : base.protocol(HttpProtocol.HTTP11);
            case NEGOTIATED -> tls ? base.secure().protocol(HttpProtocol.HTTP11, HttpProtocol.H2) : base;
        };
    }

    /**
     * A path on this client's base URL that is POSTed to again and again (FCM's one send path),
     * resolved once: the absolute URI spares Reactor Netty's per-request parse of a URL string, and
     * the prepared request spares two copies of the client configuration per push.
     */
    public final class Endpoint {

        private final HttpClient.RequestSender sender;

        private Endpoint(String path) {
            this.sender = client.post().uri(URI.create(baseUrl + path));
        }

        public Mono<UpstreamResponse> post(Consumer<HttpHeaders> headers, byte[] body) {
            return exchange(sender, headers, body);
        }
    }

    public Endpoint endpoint(String path) {
        return new Endpoint(path);
    }

    /** POSTs {@code body} to {@code path} (relative to the base URL); the whole exchange is bounded by the timeout. */
    public Mono<UpstreamResponse> post(String path, Consumer<HttpHeaders> headers, byte[] body) {
        return exchange(client.post().uri(path), headers, body);
    }

    private Mono<UpstreamResponse> exchange(HttpClient.RequestSender sender, Consumer<HttpHeaders> headers, byte[] body) {
        // Headers go on the request itself: client.headers(...) would copy the client configuration per push.
        return sender
                .send((request, outbound) -> {
                    headers.accept(request.requestHeaders());
                    request.requestHeaders().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
                    return outbound.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)));
                })
                .responseSingle((response, content) -> content.asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .map(bytes -> new UpstreamResponse(response.status().code(),
                                response.responseHeaders().get(HttpHeaderNames.RETRY_AFTER), bytes)))
                .timeout(timeout)
                .onErrorMap(TimeoutException.class, e -> new PushException(PushException.Kind.SEND_ERROR,
                        "no answer within " + timeout));
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
