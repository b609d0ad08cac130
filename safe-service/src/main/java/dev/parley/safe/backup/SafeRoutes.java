package dev.parley.safe.backup;

import static org.springframework.web.reactive.function.server.RequestPredicates.DELETE;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.HEAD;
import static org.springframework.web.reactive.function.server.RequestPredicates.PUT;

import dev.parley.safe.SafeProperties;
import dev.parley.safe.auth.SafeAuthFilter;
import dev.parley.safe.throttle.ThrottleFilter;
import dev.parley.service.web.RequestTimers;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The public API under {@code parley.safe.base-path}: {@code config} and {@code backups/{id}}.
 * Every request is throttled first (so failed logins count too), then authenticated.
 */
@Configuration(proxyBeanMethods = false)
public class SafeRoutes {

    private static final Logger log = LoggerFactory.getLogger(SafeRoutes.class);

    @Bean
    RouterFunction<ServerResponse> safeApi(SafeProperties properties, BackupHandler backups,
            ThrottleFilter throttle, SafeAuthFilter auth) {
        String base = basePrefix(properties.basePath());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("maxBackupBytes", properties.maxBackupBytes());
        config.put("retentionDays", properties.retentionDays());
        return RouterFunctions.route()
                .GET(base + "/config", request -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .bodyValue(config))
                .route(PUT(base + "/backups/{id}"), backups::put)
                .route(HEAD(base + "/backups/{id}"), backups::head)
                .route(GET(base + "/backups/{id}"), backups::get)
                .route(DELETE(base + "/backups/{id}"), backups::delete)
                .build()
                // RouterFunction.filter wraps: the last filter applied runs first.
                .filter(auth)
                .filter(throttle)
                .filter(SafeRoutes::withoutLeakingErrors);
    }

    /**
     * Plain GETs of a backup skip WebFlux's request machinery ({@link DirectBackupGet}); with
     * authentication configured every request takes the routes.
     */
    @Bean
    HttpHandlerDecoratorFactory directBackupGet(SafeProperties properties, BackupStorage storage, ThrottleFilter throttle,
            MeterRegistry meters) {
        if (properties.auth().basic().enabled() || properties.auth().token().enabled()) {
            return handler -> handler;
        }
        String base = basePrefix(properties.basePath());
        DirectBackupGet direct = new DirectBackupGet(base, storage, throttle,
                new RequestTimers(meters, "GET", base + "/backups/{id}"));
        return direct::decorate;
    }

    /**
     * An unexpected failure (database, blob store or Redis down, a bug) becomes a short 503 or 500 here and
     * is logged by type only: the framework's default error handling would log the request path,
     * which holds the backup ID, and echo it in the response.
     */
    private static Mono<ServerResponse> withoutLeakingErrors(ServerRequest request, HandlerFunction<ServerResponse> next) {
        return next.handle(request).onErrorResume(e -> {
            log.warn("{} {} failed: {}", request.method(),
                    request.pathVariables().containsKey("id") ? "backups/<id>" : "config", e.getClass().getName());
            return e instanceof DataAccessException || e instanceof BackupStoreException
                    ? SafeResponses.error(HttpStatus.SERVICE_UNAVAILABLE, "temporarily unavailable")
                    : SafeResponses.error(HttpStatus.INTERNAL_SERVER_ERROR, "internal error");
        });
    }

    /** {@code /} becomes the empty prefix and {@code /safe/} becomes {@code /safe}. */
    static String basePrefix(String basePath) {
        String trimmed = basePath;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
