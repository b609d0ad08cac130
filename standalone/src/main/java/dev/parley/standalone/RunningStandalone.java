package dev.parley.standalone;

import dev.parley.chat.csp.CspServer;
import dev.parley.standalone.services.ServiceKind;

import dev.parley.standalone.keys.KeyMaterial;
import dev.parley.standalone.postgres.StandalonePostgres;
import dev.parley.standalone.redis.StandaloneRedis;
import dev.parley.standalone.services.RunningService;
import dev.parley.standalone.services.ServiceContexts;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one launch started. {@link #close()} stops it in the one safe order: the services
 * first, so none writes to a store that is going away, then Redis, then PostgreSQL.
 */
public final class RunningStandalone implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunningStandalone.class);

    private final StandaloneSettings settings;
    private final KeyMaterial keys;
    private final StandalonePostgres postgres;
    private final StandaloneRedis redis;
    private final ServiceContexts services;
    private boolean closed;

    RunningStandalone(StandaloneSettings settings, KeyMaterial keys, StandalonePostgres postgres, StandaloneRedis redis,
            ServiceContexts services) {
        this.settings = settings;
        this.keys = keys;
        this.postgres = postgres;
        this.redis = redis;
        this.services = services;
    }

    public StandaloneSettings settings() {
        return settings;
    }

    public KeyMaterial keys() {
        return keys;
    }

    public List<RunningService> services() {
        return services == null ? List.of() : services.services();
    }

    public int postgresPort() {
        return postgres.port();
    }

    public String postgresJdbcUrl() {
        return postgres.jdbcUrl();
    }

    /** The port the chat server protocol listens on (the configured one, or the one picked for 0). */
    public int cspPort() {
        return services().stream().filter(s -> s.kind() == ServiceKind.CHAT).findFirst()
                .map(s -> s.context().getBean(CspServer.class).port())
                .orElse(settings().cspPort());
    }

    public int redisPort() {
        return redis.port();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (services != null) {
            services.close();
        }
        closeQuietly("Redis", redis);
        closeQuietly("PostgreSQL", postgres);
    }

    static void closeQuietly(String name, AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("Stopping {} failed", name, e);
        }
    }
}
