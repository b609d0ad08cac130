package dev.parley.pushrelay.web;

import dev.parley.service.web.RequestTimers;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.SignalType;

/**
 * {@code POST /push}, request for request and status for status like threema-ch/push-relay
 * (PROTOCOLS §4.1–4.2); other methods on {@code /push} get 405, other paths 404. {@code POST /push}
 * itself is taken off the top of the HTTP handler ({@link PushHandler}); everything else, rare on
 * this port, still goes through WebFlux for its 404 and 405 answers.
 */
@Configuration(proxyBeanMethods = false)
class PushRoute {

    static final String PATH = "/push";

    @Bean
    HttpHandlerDecoratorFactory pushHandlerDecorator(WakeupService wakeups, MeterRegistry registry) {
        PushHandler push = new PushHandler(wakeups);
        RequestTimers metrics = new RequestTimers(registry, "POST", PATH);
        return delegate -> decorate(delegate, push, metrics);
    }

    private static HttpHandler decorate(HttpHandler delegate, PushHandler push, RequestTimers metrics) {
        return (request, response) -> {
            if (!HttpMethod.POST.equals(request.getMethod()) || !PATH.equals(request.getPath().value())) {
                return delegate.handle(request, response);
            }
            long start = System.nanoTime();
            return push.handle(request, response).doFinally(signal -> {
                // A client that went away before the answer counts as UNKNOWN, as WebFlux counts it.
                HttpStatusCode status = signal == SignalType.CANCEL ? null : response.getStatusCode();
                metrics.record(status == null ? 0 : status.value(), System.nanoTime() - start);
            });
        };
    }

    @Bean
    RouterFunction<ServerResponse> pushRoutes() {
        return RouterFunctions.route(RequestPredicates.path(PATH),
                request -> ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).allow(HttpMethod.POST).build());
    }
}
