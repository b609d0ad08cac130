package dev.parley.standalone;

import dev.parley.standalone.keys.KeyMaterial;
import dev.parley.standalone.postgres.StandalonePostgres;
import dev.parley.standalone.redis.StandaloneRedis;
import dev.parley.standalone.services.ServiceContexts;
import dev.parley.standalone.services.SharedInfrastructure;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JVM with everything a small node needs: embedded PostgreSQL and Redis keeping their data
 * under the data directory, the node's keys, and every Parley service as its own Spring context.
 * Settings are described in {@link StandaloneSettings}.
 */
public final class StandaloneLauncher {

    private static final Logger log = LoggerFactory.getLogger(StandaloneLauncher.class);

    private StandaloneLauncher() {
    }

    public static void main(String[] args) {
        StandaloneSettings settings = StandaloneSettings.from(args, System.getenv());
        RunningStandalone running;
        try {
            running = start(settings);
        } catch (Exception e) {
            log.error("Parley did not start", e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping Parley");
            running.close();
            log.info("Parley stopped");
        }, "parley-standalone-stop"));
        System.out.println(ListeningTable.render(running));
    }

    /** Starts everything; on failure stops whatever had started and rethrows. */
    public static RunningStandalone start(StandaloneSettings settings) throws IOException, InterruptedException {
        log.info("Starting Parley with data in {}", settings.dataDir());
        KeyMaterial keys = KeyMaterial.loadOrCreate(settings.keysDir());
        StandalonePostgres postgres = null;
        StandaloneRedis redis = null;
        try {
            postgres = StandalonePostgres.start(settings.postgresDir(), settings.postgresPort());
            redis = StandaloneRedis.start(settings.redisDir(), settings.redisPort());
            SharedInfrastructure infrastructure = new SharedInfrastructure(postgres.jdbcUrl(), StandalonePostgres.USER, "",
                    StandaloneRedis.HOST, redis.port(), keys.internalApiSecret(), keys.authTokenSecret(), keys.chatServerKeyFile(),
                    keys.oppfSigningKeyFile());
            ServiceContexts services = ServiceContexts.start(settings, infrastructure);
            return new RunningStandalone(settings, keys, postgres, redis, services);
        } catch (IOException | InterruptedException | RuntimeException e) {
            RunningStandalone.closeQuietly("Redis", redis);
            RunningStandalone.closeQuietly("PostgreSQL", postgres);
            throw e;
        }
    }
}
