package dev.parley.directory.internal;

import dev.parley.directory.DirectoryProperties;
import dev.parley.service.internal.BearerSecret;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The internal HTTP server for other services and operators (key lookup, admin API), on its own
 * port ({@code parley.directory.internal.port}) that ingress never exposes. Every route needs
 * {@code Authorization: Bearer <parley.directory.internal.api-secret>}. The routes come from the
 * {@link InternalRoutes} beans of this service.
 */
@Component
public class InternalServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InternalServer.class);

    private final int configuredPort;
    private final BearerSecret secret;
    private final List<InternalRoutes> routes;
    private volatile DisposableServer server;

    public InternalServer(DirectoryProperties properties, List<InternalRoutes> routes) {
        this.configuredPort = properties.internal().port();
        this.secret = new BearerSecret(properties.internal().apiSecret());
        this.routes = routes;
    }

    @Override
    public void start() {
        RouterFunction<ServerResponse> router = routes.stream().map(InternalRoutes::routes)
                .reduce(RouterFunction::and)
                .orElseThrow()
                .filter(bearer());
        ReactorHttpHandlerAdapter adapter = new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(router));
        server = HttpServer.create().host("0.0.0.0").port(configuredPort).handle(adapter).bindNow();
        log.info("Internal API on port {}", server.port());
    }

    private HandlerFilterFunction<ServerResponse, ServerResponse> bearer() {
        return (request, next) -> secret.accepts(request.headers().firstHeader(HttpHeaders.AUTHORIZATION))
                ? next.handle(request)
                : ServerResponse.status(HttpStatus.UNAUTHORIZED).build();
    }

    /** The bound port; differs from the configured one when that is 0. */
    public int port() {
        DisposableServer current = server;
        if (current == null) {
            throw new IllegalStateException("internal server not started");
        }
        return current.port();
    }

    @Override
    public void stop() {
        DisposableServer current = server;
        if (current != null) {
            current.disposeNow();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** Helper for route handlers: a JSON error body with a status. */
    public static Mono<ServerResponse> error(HttpStatus status, String message) {
        return ServerResponse.status(status).bodyValue(java.util.Map.of("error", message));
    }
}
