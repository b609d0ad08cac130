package dev.parley.directory.remotesecret;

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

/**
 * {@code DELETE /admin/v1/identities/{id}/remote-secrets}: locks the identity's Work apps that
 * protect their data with a remote secret; their next check finds no secret.
 */
@Component
class RemoteSecretAdminRoutes implements InternalRoutes {

    private final BlockingJdbc jdbc;
    private final RemoteSecretRepository secrets;

    RemoteSecretAdminRoutes(BlockingJdbc jdbc, RemoteSecretRepository secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    @Override
    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .DELETE("/admin/v1/identities/{id}/remote-secrets", request -> {
                    String id = request.pathVariable("id");
                    if (!ThreemaId.isValid(id)) {
                        return InternalServer.error(HttpStatus.NOT_FOUND, "unknown identity");
                    }
                    return jdbc.call(client -> secrets.deleteForIdentity(client, id))
                            .flatMap(deleted -> ServerResponse.ok().bodyValue(Map.of("deleted", deleted)));
                })
                .build();
    }
}
