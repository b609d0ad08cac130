package dev.parley.standalone.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * pg_ctl starts the postmaster in a Unix session of its own (setsid), so a launcher killed
 * without running its shutdown hook leaves it holding the data directory. The first line of
 * {@code postmaster.pid} names it; SIGTERM asks for a smart shutdown, which completes at once
 * because its clients died with the old JVM.
 */
final class LeftOverPostmaster {

    private static final Logger log = LoggerFactory.getLogger(LeftOverPostmaster.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private LeftOverPostmaster() {
    }

    static void stopIfRunning(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        Optional<ProcessHandle> postmaster = lines.isEmpty() ? Optional.empty() : parse(lines.get(0))
                .flatMap(ProcessHandle::of)
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
        if (postmaster.isEmpty()) {
            // A stale file from a crash: PostgreSQL itself recognises and replaces it.
            return;
        }
        log.warn("Stopping a PostgreSQL left running by an earlier launch (pid {})", postmaster.get().pid());
        postmaster.get().destroy();
        try {
            postmaster.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the earlier PostgreSQL", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the PostgreSQL of an earlier launch (pid " + postmaster.get().pid()
                    + ") did not stop within " + STOP_TIMEOUT, e);
        }
    }

    private static Optional<Long> parse(String line) {
        try {
            return Optional.of(Long.parseLong(line.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
