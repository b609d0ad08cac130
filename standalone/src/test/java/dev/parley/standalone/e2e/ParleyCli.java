package dev.parley.standalone.e2e;

import dev.parley.client.cli.Parley;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine;

/** Runs the {@code parley} command in the test's JVM, as a user would in a shell, and keeps what it printed. */
final class ParleyCli {

    private ParleyCli() {
    }

    /** What a running command has printed so far; the test reads it while the command still runs. */
    static final class Output {
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();

        String out() {
            return out.toString();
        }

        Optional<String> awaitLine(String prefix, Duration timeout) throws InterruptedException {
            Instant until = Instant.now().plus(timeout);
            while (Instant.now().isBefore(until)) {
                Optional<String> line = out().lines().filter(l -> l.startsWith(prefix)).findFirst();
                if (line.isPresent()) {
                    return line;
                }
                Thread.sleep(50);
            }
            return Optional.empty();
        }
    }

    static Run parley(Output output, String... args) {
        CommandLine cli = Parley.commandLine();
        // StringWriter appends to a StringBuffer, so a test thread may read while the command prints.
        PrintWriter out = new PrintWriter(output.out, true);
        cli.setOut(out);
        cli.setErr(new PrintWriter(output.err, true));
        int exit = cli.execute(args);
        out.flush();
        return new Run(exit, output.out(), output.err.toString());
    }

    static Run parley(String... args) {
        return parley(new Output(), args);
    }

    /** An executor that runs each task on a new daemon thread, for work that blocks for long. */
    static void ownThread(Runnable task) {
        Thread thread = new Thread(task, "background command");
        thread.setDaemon(true);
        thread.start();
    }
}
