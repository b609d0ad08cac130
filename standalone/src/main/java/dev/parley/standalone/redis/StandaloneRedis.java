package dev.parley.standalone.redis;

import dev.parley.standalone.Ports;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;

/**
 * Redis for a single node, persisted in its directory with an append-only file (plus the default
 * RDB snapshots), so a restart keeps its data. It runs daemonized, in a Unix session of its own
 * (setsid), so that Ctrl-C in the terminal reaches only the JVM and the launcher can stop Redis
 * after the services with SHUTDOWN, which writes everything to disk. The binary is the one
 * bundled with codemonstur's embedded-redis.
 */
public final class StandaloneRedis implements AutoCloseable {

    public static final String HOST = "127.0.0.1";

    private static final Logger log = LoggerFactory.getLogger(StandaloneRedis.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path directory;
    private final int port;

    private StandaloneRedis(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    public static StandaloneRedis start(Path directory, int requestedPort) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        stopLeftOver(directory, requestedPort);
        int port = Ports.resolve(requestedPort, "parley.standalone.redis-port");
        File binary = ExecutableProvider.newJarResourceProvider().get();
        List<String> command = List.of(binary.getAbsolutePath(),
                "--port", Integer.toString(port),
                "--bind", HOST,
                "--protected-mode", "yes",
                "--dir", directory.toString(),
                "--appendonly", "yes",
                "--appendfsync", "everysec",
                "--daemonize", "yes",
                "--pidfile", pidFile(directory).toString(),
                "--logfile", directory.resolve("redis.log").toString());
        Process launcher = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // With daemonize the first process exits as soon as the server has forked.
        if (launcher.waitFor() != 0) {
            throw new IOException("redis-server exited with " + launcher.exitValue() + "; see " + directory.resolve("redis.log"));
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!RedisWire.ping(HOST, port)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("Redis did not answer within " + START_TIMEOUT + "; see " + directory.resolve("redis.log"));
            }
            Thread.sleep(50);
        }
        return new StandaloneRedis(directory, port);
    }

    /** A JVM killed without its shutdown hook leaves the daemon running; stop it so this start owns the data. */
    private static void stopLeftOver(Path directory, int port) throws IOException, InterruptedException {
        if (port != 0 && Files.exists(pidFile(directory)) && RedisWire.ping(HOST, port)) {
            log.warn("Stopping a Redis left running by an earlier launch on port {}", port);
            new StandaloneRedis(directory, port).stop();
        }
    }

    private static Path pidFile(Path directory) {
        return directory.resolve("redis.pid");
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws IOException {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping Redis", e);
        }
    }

    private void stop() throws IOException, InterruptedException {
        RedisWire.shutdown(HOST, port);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        // Redis removes its pid file as the last step of a clean shutdown.
        while (Files.exists(pidFile(directory)) || RedisWire.ping(HOST, port)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("Redis did not stop within " + STOP_TIMEOUT);
            }
            Thread.sleep(50);
        }
    }
}
