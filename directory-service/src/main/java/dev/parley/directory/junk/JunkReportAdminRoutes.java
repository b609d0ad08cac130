package dev.parley.directory.junk;

import dev.parley.common.identity.ThreemaId;
import dev.parley.directory.internal.InternalRoutes;
import dev.parley.directory.internal.InternalServer;
import dev.parley.service.jdbc.BlockingJdbc;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** {@code GET /admin/v1/identities/{id}/junk-reports}: how many identities reported this one as junk. */
@Component
class JunkReportAdminRoutes implements InternalRoutes {

    private final BlockingJdbc jdbc;
    private final JunkReportRepository reports;

    JunkReportAdminRoutes(BlockingJdbc jdbc, JunkReportRepository reports) {
        this.jdbc = jdbc;
        this.reports = reports;
    }

    @Override
    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET("/admin/v1/identities/{id}/junk-reports", request -> {
                    String id = request.pathVariable("id");
                    if (!ThreemaId.isValid(id)) {
                        return InternalServer.error(HttpStatus.NOT_FOUND, "unknown identity");
                    }
                    return jdbc.call(client -> reports.reporters(client, id))
                            .flatMap(count -> ServerResponse.ok().bodyValue(Map.of("identity", id, "reporters", count)));
                })
                .build();
    }
}
