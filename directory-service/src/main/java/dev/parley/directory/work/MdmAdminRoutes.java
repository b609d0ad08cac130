package dev.parley.directory.work;

import static dev.parley.directory.internal.AdminHandlers.json;

import dev.parley.directory.internal.AdminHandlers;
import dev.parley.directory.internal.InternalRoutes;
import dev.parley.directory.internal.InternalServer;
import dev.parley.directory.web.JsonRequest;
import dev.parley.service.jdbc.BlockingJdbc;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** {@code PUT /admin/v1/orgs/{id}/mdm}: the MDM parameters an organisation's clients get in {@code fetch2}. */
@Component
class MdmAdminRoutes implements InternalRoutes {

    private final BlockingJdbc jdbc;
    private final WorkRepository work;

    MdmAdminRoutes(BlockingJdbc jdbc, WorkRepository work) {
        this.jdbc = jdbc;
        this.work = work;
    }

    @Override
    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route().PUT("/admin/v1/orgs/{id}/mdm", json(this::setMdm)).build();
    }

    private Mono<ServerResponse> setMdm(ServerRequest request, JsonRequest body) {
        var orgId = AdminHandlers.longVariable(request, "id");
        WorkOrg.Mdm mdm = new WorkOrg.Mdm(body.optBoolean("override"), MdmParams.of(body.body().get("params")));
        if (orgId.isEmpty()) {
            return InternalServer.error(HttpStatus.NOT_FOUND, "unknown organisation");
        }
        return jdbc.call(client -> work.setMdm(client, orgId.getAsLong(), mdm))
                .flatMap(updated -> updated ? ServerResponse.ok().bodyValue(mdm)
                        : InternalServer.error(HttpStatus.NOT_FOUND, "unknown organisation"));
    }
}
