package dev.parley.mediator.d2m;

import dev.parley.client.d2m.D2mClient;
import dev.parley.client.d2m.DeviceOptions;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.DeviceGroupKeys;
import dev.parley.mediator.MediatorApplication;
import dev.parley.testsupport.postgres.PostgresDatabase;
import dev.parley.testsupport.postgres.SharedPostgres;
import dev.parley.testsupport.redis.RedisServerInfo;
import dev.parley.testsupport.redis.SharedRedis;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.ConfigurableApplicationContext;

/** Mediator nodes in this JVM sharing the test's PostgreSQL and Redis, as a deployment's replicas do. */
final class MediatorNodes implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String SERVER_GROUP = "ab";

    private final PostgresDatabase database;
    private final RedisServerInfo redis;
    private final List<ConfigurableApplicationContext> nodes = new CopyOnWriteArrayList<>();

    MediatorNodes(Class<?> owner) {
        database = SharedPostgres.databaseFor(owner);
        redis = SharedRedis.infoFor(owner);
    }

    ConfigurableApplicationContext start(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0", "--management.server.port=0",
                "--parley.mediator.internal.api-secret=mediator-test-internal-secret-0123456789",
                "--parley.mediator.leader.renew-interval=1s", "--parley.mediator.leader.lease-ttl=3s",
                "--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port(),
                "--parley.mediator.redis.key-prefix=" + redis.keyPrefix() + "mediator:"));
        args.addAll(List.of(extra));
        ConfigurableApplicationContext node = MediatorApplication.application().run(args.toArray(String[]::new));
        nodes.add(node);
        return node;
    }

    void stop(ConfigurableApplicationContext node) {
        node.close();
        nodes.remove(node);
    }

    URI uri(ConfigurableApplicationContext node) {
        int port = node.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        return URI.create("ws://127.0.0.1:" + port);
    }

    URI uri() {
        return uri(nodes.get(0));
    }

    static DeviceGroupKeys newGroup() {
        return DeviceGroupKeys.derive(CryptoRandom.bytes(32));
    }

    static D2mClient connect(URI mediator, DeviceGroupKeys group, long device, DeviceOptions options)
            throws IOException {
        return D2mClient.connect(mediator, group, SERVER_GROUP, device, options, WAIT);
    }

    @Override
    public void close() {
        nodes.forEach(ConfigurableApplicationContext::close);
    }
}
