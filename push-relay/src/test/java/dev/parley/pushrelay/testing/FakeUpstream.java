package dev.parley.pushrelay.testing;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;

/**
 * A real local HTTP server speaking HTTP/1.1 and prior-knowledge h2c, standing in for FCM, APNs, HMS
 * and the Threema Gateway. Every request is recorded; a test decides the answer with {@link #respond}.
 */
public final class FakeUpstream implements AutoCloseable {

    /**
     * What arrived: method, path with query, headers (lowercase names), body, HTTP version and the
     * client's address and port, which tells the connections a client used apart.
     */
    public record Recorded(String method, String uri, Map<String, String> headers, byte[] body, String protocol,
            String connection) {

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    /** The answer to give, optionally after a delay. */
    public record Reply(int status, Map<String, String> headers, String body, Duration delay) {

        public static Reply of(int status, String body) {
            return new Reply(status, Map.of(), body, Duration.ZERO);
        }

        public static Reply json(int status, String body) {
            return new Reply(status, Map.of("content-type", "application/json"), body, Duration.ZERO);
        }

        public Reply withHeader(String name, String value) {
            java.util.HashMap<String, String> all = new java.util.HashMap<>(headers);
            all.put(name, value);
            return new Reply(status, Map.copyOf(all), body, delay);
        }

        public Reply after(Duration wait) {
            return new Reply(status, headers, body, wait);
        }
    }

    private final DisposableServer server;
    private final BlockingQueue<Recorded> requests = new LinkedBlockingQueue<>();
    private volatile Function<Recorded, Reply> responder = request -> Reply.of(404, "");

    public FakeUpstream() {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .protocol(HttpProtocol.HTTP11, HttpProtocol.H2C)
                .handle((request, response) -> request.receive().aggregate().asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .flatMap(body -> {
                            Map<String, String> headers = new java.util.HashMap<>();
                            request.requestHeaders().forEach(e -> headers.putIfAbsent(e.getKey().toLowerCase(), e.getValue()));
                            Recorded recorded = new Recorded(request.method().name(), request.uri(), Map.copyOf(headers),
                                    body, request.version().text(), String.valueOf(request.remoteAddress()));
                            requests.add(recorded);
                            Reply reply = responder.apply(recorded);
                            Mono<Void> wait = reply.delay().isZero() ? Mono.empty() : Mono.delay(reply.delay()).then();
                            return wait.then(Mono.defer(() -> {
                                response.status(reply.status());
                                reply.headers().forEach(response::header);
                                return response.send(Mono.just(Unpooled.copiedBuffer(reply.body(), StandardCharsets.UTF_8)))
                                        .then();
                            }));
                        }))
                .bindNow();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public void respond(Function<Recorded, Reply> responder) {
        this.responder = responder;
    }

    /** The next recorded request, waiting up to five seconds. */
    public Recorded take() {
        try {
            Recorded recorded = requests.poll(5, TimeUnit.SECONDS);
            if (recorded == null) {
                throw new AssertionError("no request reached the fake upstream");
            }
            return recorded;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public Recorded poll() {
        return requests.poll();
    }

    public void clear() {
        requests.clear();
    }

    public int pending() {
        return requests.size();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
