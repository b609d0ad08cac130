package dev.parley.testsupport.redis;

import dev.parley.testsupport.TestClasses;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Redis server of this test JVM, started on first use and stopped by a shutdown hook,
 * and the key prefix each test class gets on it.
 */
public final class SharedRedis {

    private static final Logger log = LoggerFactory.getLogger(SharedRedis.class);
    private static final Map<Class<?>, RedisServerInfo> PREFIXES = new ConcurrentHashMap<>();
    private static StartedRedis started;

    private SharedRedis() {
    }

    public static synchronized RedisEndpoint endpoint() {
        if (started == null) {
            long begin = System.nanoTime();
            started = RedisSources.start();
            log.info("Test Redis from {} at {} ready in {} ms", started.origin(), started.endpoint(),
                    (System.nanoTime() - begin) / 1_000_000);
            Runtime.getRuntime().addShutdownHook(new Thread(SharedRedis::stop, "parley-test-redis-stop"));
        }
        return started.endpoint();
    }

    /** The Redis of {@code testClass} with a key prefix unique to it; later calls return the same. */
    public static RedisServerInfo infoFor(Class<?> testClass) {
        return PREFIXES.computeIfAbsent(TestClasses.owner(testClass), owner -> {
            RedisEndpoint endpoint = endpoint();
            return new RedisServerInfo(endpoint.host(), endpoint.port(), TestClasses.uniqueName(owner) + ":");
        });
    }

    private static synchronized void stop() {
        try {
            started.stopper().close();
        } catch (Exception e) {
            log.warn("Stopping test Redis failed", e);
        }
    }
}
