package dev.parley.standalone.services;

import dev.parley.chat.csp.CspServer;
import dev.parley.chat.keys.ServerKeyPair;
import dev.parley.directory.internal.InternalServer;
import dev.parley.standalone.StandaloneSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The command-line arguments one service context starts with. Arguments outrank everything in
 * the service's own configuration files, which is what the launcher needs: it decides ports,
 * storage and keys.
 */
final class ServiceArguments {

    /**
     * push-relay keeps no storage, but on the launcher's shared classpath Spring Boot would still
     * configure a DataSource, Flyway and Redis for it.
     */
    private static final String STORAGE_AUTO_CONFIGURATION = String.join(",",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration");

    private ServiceArguments() {
    }

    /**
     * @param started the services already running, in start order: the chat gateway learns the
     *                directory's internal API port and the push relay's internal port from them
     */
    static String[] of(ServiceKind kind, StandaloneSettings settings, SharedInfrastructure infrastructure,
                       List<RunningService> started) {
        StandaloneSettings.ServicePorts ports = settings.servicePorts().get(kind);
        String prefix = kind.propertyPrefix();
        List<String> args = new ArrayList<>();
        args.add("--server.port=" + ports.publicPort());
        args.add("--management.server.port=" + ports.internalPort());
        // One JVM, several registries: each service keeps its own metrics instead of also feeding
        // Micrometer's global registry, where they would mix.
        args.add("--management.metrics.use-global-registry=false");
        // Logging is set up once per JVM, so the first service's name would label every line.
        args.add("--logging.include-application-name=false");
        args.add("--logging.structured.ecs.service.name=parley-standalone");
        // Six contexts close one after another; Reactor Netty's default two-second quiet period
        // per event loop group would add up, and graceful shutdown has drained requests already.
        args.add("--spring.reactor.netty.shutdown-quiet-period=100ms");
        args.add("--" + prefix + ".internal.api-secret=" + infrastructure.internalApiSecret());
        args.add("--parley.auth-token.secret=" + infrastructure.authTokenSecret());
        if (kind.usesStorage()) {
            args.add("--spring.datasource.url=" + infrastructure.jdbcUrl());
            args.add("--spring.datasource.username=" + infrastructure.databaseUser());
            args.add("--spring.datasource.password=" + infrastructure.databasePassword());
            // Five pools share one small server; idle connections cost it memory for nothing.
            args.add("--spring.datasource.hikari.maximum-pool-size=5");
            args.add("--spring.datasource.hikari.minimum-idle=1");
            args.add("--spring.data.redis.host=" + infrastructure.redisHost());
            args.add("--spring.data.redis.port=" + infrastructure.redisPort());
        } else {
            args.add("--spring.autoconfigure.exclude=" + STORAGE_AUTO_CONFIGURATION);
        }
        if (kind == ServiceKind.CHAT) {
            args.add("--parley.chat.keys.server-key-file=" + infrastructure.chatServerKeyFile());
            args.add("--parley.chat.csp.port=" + settings.cspPort());
            started.stream().filter(s -> s.kind() == ServiceKind.DIRECTORY).findFirst().ifPresent(directory -> {
                int apiPort = directory.context().getBean(InternalServer.class).port();
                args.add("--parley.chat.directory.url=http://127.0.0.1:" + apiPort + "/");
                args.add("--parley.chat.directory.api-secret=" + infrastructure.internalApiSecret());
            });
            started.stream().filter(s -> s.kind() == ServiceKind.PUSH_RELAY).findFirst().ifPresent(relay -> {
                args.add("--parley.chat.push.relay-url=http://127.0.0.1:" + relay.internalPort() + "/");
                args.add("--parley.chat.push.api-secret=" + infrastructure.internalApiSecret());
            });
        }
        if (kind == ServiceKind.MEDIATOR) {
            // The leader devices' CSP sessions go to this node's chat gateway, started before.
            started.stream().filter(s -> s.kind() == ServiceKind.CHAT).findFirst().ifPresent(chat -> {
                args.add("--parley.mediator.chat.host=127.0.0.1");
                args.add("--parley.mediator.chat.port=" + chat.context().getBean(CspServer.class).port());
            });
        }
        if (kind == ServiceKind.MEDIA) {
            args.add("--parley.media.storage.filesystem.directory=" + settings.dataDir().resolve("media"));
        }
        if (kind == ServiceKind.DIRECTORY) {
            args.add("--parley.directory.oppf.signing-key-file=" + infrastructure.oppfSigningKeyFile());
            args.add("--parley.directory.work.auth-token-secret=" + infrastructure.authTokenSecret());
            args.add("--parley.directory.internal.port=" + settings.directoryApiPort());
            // The provisioning document names this node's chat server and its key.
            args.add("--parley.directory.oppf.chat-public-key=" + java.util.Base64.getEncoder().encodeToString(
                    ServerKeyPair.load(infrastructure.chatServerKeyFile()).publicKey()));
            if (settings.cspPort() != 0) {
                args.add("--parley.directory.oppf.chat-ports=" + settings.cspPort());
            }
            int mediatorPort = settings.servicePorts().get(ServiceKind.MEDIATOR).publicPort();
            if (mediatorPort != 0) {
                args.add("--parley.directory.oppf.mediator-url=ws://localhost:" + mediatorPort
                        + "/{deviceGroupIdPrefix8}/");
                args.add("--parley.directory.oppf.rendezvous-url=ws://localhost:" + mediatorPort
                        + "/{rendezvousPathPrefix8}/");
            }
        }
        args.addAll(settings.serviceArguments());
        return args.toArray(String[]::new);
    }
}
