package dev.parley.testsupport.postgres;

import dev.parley.testsupport.TestClasses;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one PostgreSQL server of this test JVM, started on first use and stopped by a shutdown
 * hook, and the database each test class gets on it.
 */
public final class SharedPostgres {

    private static final Logger log = LoggerFactory.getLogger(SharedPostgres.class);
    private static final Map<Class<?>, PostgresDatabase> DATABASES = new ConcurrentHashMap<>();
    private static StartedPostgres started;

    private SharedPostgres() {
    }

    public static synchronized PostgresServer server() {
        if (started == null) {
            long begin = System.nanoTime();
            started = PostgresSources.start();
            log.info("Test PostgreSQL from {} at {} ready in {} ms", started.origin(), started.server(),
                    (System.nanoTime() - begin) / 1_000_000);
            Runtime.getRuntime().addShutdownHook(new Thread(SharedPostgres::stop, "parley-test-postgres-stop"));
        }
        return started.server();
    }

    /** The database of {@code testClass}, created on first request; later calls return the same one. */
    public static PostgresDatabase databaseFor(Class<?> testClass) {
        return DATABASES.computeIfAbsent(TestClasses.owner(testClass),
                owner -> server().createDatabase(TestClasses.uniqueName(owner)));
    }

    private static synchronized void stop() {
        try {
            if (started.dropDatabasesOnStop()) {
                // A server we did not start outlives this JVM, so leave it as we found it.
                DATABASES.values().forEach(db -> started.server().dropDatabase(db.databaseName()));
            }
            started.stopper().close();
        } catch (Exception e) {
            log.warn("Stopping test PostgreSQL failed", e);
        }
    }
}
