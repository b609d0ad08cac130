package dev.parley.directory.admin;

import dev.parley.directory.identity.Identity;
import dev.parley.directory.identity.IdentityRepository;
import static dev.parley.directory.internal.AdminHandlers.json;

import dev.parley.directory.internal.InternalRoutes;
import dev.parley.directory.internal.AdminHandlers;
import dev.parley.directory.internal.InternalServer;
import dev.parley.directory.matching.LinkedAddressRepository;
import dev.parley.directory.matching.LinkedAddressRepository.Kind;
import dev.parley.service.jdbc.BlockingJdbc;
import dev.parley.directory.revocation.RevocationService;
import dev.parley.directory.web.BadRequestException;
import dev.parley.directory.web.JsonRequest;
import dev.parley.directory.work.Passwords;
import dev.parley.directory.work.WorkRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The admin API on the internal server (bearer secret), under {@code /admin/v1}: identities,
 * Work organisations and users, licence keys and counts. The module README lists every route.
 */
@Component
class AdminRoutes implements InternalRoutes {

    private static final int MAX_FIELD = 256;

    private final BlockingJdbc jdbc;
    private final IdentityRepository identities;
    private final WorkRepository work;
    private final LinkedAddressRepository linked;
    private final LicenceKeyRepository licences;
    private final RevocationService revocation;
    private final String serverGroup;

    AdminRoutes(BlockingJdbc jdbc, IdentityRepository identities, WorkRepository work, LinkedAddressRepository linked,
                LicenceKeyRepository licences, RevocationService revocation,
                dev.parley.directory.DirectoryProperties properties) {
        this.jdbc = jdbc;
        this.identities = identities;
        this.work = work;
        this.linked = linked;
        this.licences = licences;
        this.revocation = revocation;
        this.serverGroup = properties.identity().serverGroup();
    }

    @Override
    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .POST("/admin/v1/identities", json(this::createIdentity))
                .GET("/admin/v1/identities/{id}", this::identity)
                .POST("/admin/v1/identities/{id}/revoke", this::revoke)
                .POST("/admin/v1/orgs", json(this::createOrg))
                .GET("/admin/v1/orgs", request -> jdbc.call(work::listOrgs).flatMap(orgs -> ServerResponse.ok().bodyValue(orgs)))
                .POST("/admin/v1/orgs/{id}/users", json(this::createUser))
                .POST("/admin/v1/licences", json(this::addLicence))
                .GET("/admin/v1/counts", this::counts)
                .build();
    }

    private Mono<ServerResponse> createIdentity(ServerRequest request, JsonRequest body) {
        byte[] publicKey = body.base64("publicKey", 32);
        return jdbc.call(client -> identities.create(client, publicKey, Identity.TYPE_REGULAR, serverGroup))
                .flatMap(created -> created.isPresent()
                        ? ServerResponse.status(HttpStatus.CREATED).bodyValue(details(created.get()))
                        : InternalServer.error(HttpStatus.CONFLICT, "public key already registered"));
    }

    private Mono<ServerResponse> identity(ServerRequest request) {
        String id = request.pathVariable("id");
        return jdbc.call(client -> identities.find(client, id))
                .flatMap(found -> found.isPresent() ? ServerResponse.ok().bodyValue(details(found.get()))
                        : InternalServer.error(HttpStatus.NOT_FOUND, "unknown identity"));
    }

    private Mono<ServerResponse> revoke(ServerRequest request) {
        String id = request.pathVariable("id");
        return revocation.revoke(id).flatMap(revoked -> revoked ? ServerResponse.noContent().build()
                : InternalServer.error(HttpStatus.NOT_FOUND, "unknown or already revoked identity"));
    }

    private Mono<ServerResponse> createOrg(ServerRequest request, JsonRequest body) {
        String name = body.string("name", MAX_FIELD);
        String support = body.optString("supportUrl", MAX_FIELD);
        String light = body.optString("logoLightUrl", MAX_FIELD);
        String dark = body.optString("logoDarkUrl", MAX_FIELD);
        boolean directory = !body.has("directoryEnabled") || body.optBoolean("directoryEnabled");
        Map<String, String> categories = new LinkedHashMap<>();
        JsonNode cat = body.body().get("categories");
        if (cat != null && cat.isObject()) {
            cat.properties().forEach(e -> categories.put(e.getKey(), e.getValue().asString()));
        }
        return jdbc.call(client -> {
            long id = work.createOrg(client, name, support, light, dark, directory);
            categories.forEach((key, label) -> work.putCategory(client, id, key, label));
            return work.findOrg(client, id).orElseThrow();
        }).flatMap(org -> ServerResponse.status(HttpStatus.CREATED).bodyValue(org));
    }

    private Mono<ServerResponse> createUser(ServerRequest request, JsonRequest body) {
        var parsed = AdminHandlers.longVariable(request, "id");
        if (parsed.isEmpty()) {
            return InternalServer.error(HttpStatus.NOT_FOUND, "unknown organisation");
        }
        long orgId = parsed.getAsLong();
        String username = body.string("username", MAX_FIELD);
        String password = body.string("password", MAX_FIELD);
        if (password.length() < 8) {
            throw new BadRequestException("password needs at least 8 characters");
        }
        List<String> categories = body.optStrings("categories", 100, 64);
        String first = body.optString("firstName", MAX_FIELD);
        String last = body.optString("lastName", MAX_FIELD);
        String job = body.optString("jobTitle", MAX_FIELD);
        String department = body.optString("department", MAX_FIELD);
        String csi = body.optString("csi", MAX_FIELD);
        return Mono.fromCallable(() -> Passwords.hash(password))
                .subscribeOn(reactor.core.scheduler.Schedulers.parallel())
                .flatMap(hash -> jdbc.call(client -> work.findOrg(client, orgId).map(org -> work.createUser(client, orgId,
                        username, hash, first, last, job, department, csi, categories))))
                .flatMap(id -> id.isPresent()
                        ? ServerResponse.status(HttpStatus.CREATED).bodyValue(Map.of("id", id.get(), "username", username))
                        : InternalServer.error(HttpStatus.NOT_FOUND, "unknown organisation"));
    }

    private Mono<ServerResponse> addLicence(ServerRequest request, JsonRequest body) {
        String key = body.string("licenceKey", MAX_FIELD);
        return jdbc.call(client -> licences.add(client, key))
                .flatMap(added -> ServerResponse.status(added ? HttpStatus.CREATED : HttpStatus.OK).bodyValue(Map.of("licenceKey", key)));
    }

    private Mono<ServerResponse> counts(ServerRequest request) {
        return jdbc.call(client -> {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("identities", identities.count(client, false));
            counts.put("revokedIdentities", identities.count(client, true));
            counts.put("linkedEmails", linked.count(client, Kind.EMAIL));
            counts.put("linkedPhones", linked.count(client, Kind.PHONE));
            counts.put("workOrgs", work.countOrgs(client));
            counts.put("workUsers", work.countUsers(client));
            counts.put("licenceKeys", licences.count(client));
            return counts;
        }).flatMap(counts -> ServerResponse.ok().bodyValue(counts));
    }

    private static Map<String, Object> details(Identity identity) {
        Map<String, Object> json = new LinkedHashMap<>(identity.toLookupJson());
        json.put("serverGroup", identity.serverGroup());
        json.put("createdAt", identity.createdAt().toString());
        json.put("revocationKeySet", identity.revocationKey() != null);
        json.put("revokedAt", identity.revokedAt() == null ? null : identity.revokedAt().toString());
        return json;
    }
}
