package dev.parley.directory.internal;

import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** A group of routes on the internal server; implemented by each feature that offers some. */
public interface InternalRoutes {

    RouterFunction<ServerResponse> routes();
}
