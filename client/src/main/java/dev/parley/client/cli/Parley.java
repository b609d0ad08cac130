package dev.parley.client.cli;

import dev.parley.client.csp.CspClosedException;
import dev.parley.client.csp.CspLoginException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code parley}: administer and smoke-test a Parley deployment from a shell. Exit codes are part
 * of the interface, so scripts can tell what went wrong:
 * 0 success, 1 other failure, 2 usage error, 3 server unreachable, 4 refused by the server
 * (unknown or revoked identity, or any other close-error that forbids reconnecting; bad key; a
 * device dropped from its group), 5 state file or passphrase, 6 signature check failed.
 */
@Command(name = "parley", mixinStandardHelpOptions = true, version = "parley 0.1.0",
        description = "Command-line client for a Parley deployment.",
        subcommands = {IdentityCommand.class, SendCommand.class, ReceiveCommand.class, BlobCommand.class,
                SafeCommand.class, KeysCommand.class, OppfCommand.class, AdminCommand.class, DoctorCommand.class,
                DeviceCommand.class, dev.parley.client.load.LoadCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:other failure", "2:usage error", "3:server unreachable",
                "4:refused by the server", "5:state file or passphrase", "6:signature check failed"})
public final class Parley {

    public static final int UNREACHABLE = 3;
    public static final int REFUSED = 4;
    public static final int STATE = 5;
    public static final int UNVERIFIED = 6;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, with the exit codes and messages above; tests call {@code execute}. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Parley());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("parley: " + message(e));
            return exitCode(e);
        });
        return cli;
    }

    static int exitCode(Throwable e) {
        // The SDK wraps a refused connection (WebSocket clients, for one) in its own exception.
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
                return UNREACHABLE;
            }
        }
        if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException
                || e instanceof java.net.SocketTimeoutException) {
            return UNREACHABLE;
        }
        if (e instanceof RefusedException || toldNotToReconnect(e)) {
            return REFUSED;
        }
        if (e instanceof StateFile.WrongPassphraseException || e instanceof java.nio.file.NoSuchFileException) {
            return STATE;
        }
        if (e instanceof UnverifiedException) {
            return UNVERIFIED;
        }
        return 1;
    }

    /**
     * A close-error that forbids reconnecting: the refusal of an unknown or revoked identity right
     * after the login-ack, but also a revocation that lands just after a login that the server
     * still accepted, which a script should see the same way.
     */
    private static boolean toldNotToReconnect(Throwable e) {
        return e instanceof CspClosedException closed && closed.closeError() != null
                && !closed.closeError().canReconnect();
    }

    private static String message(Throwable e) {
        if (e instanceof ConnectException) {
            return "server unreachable (" + e.getMessage() + ")";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + e.getMessage();
        }
        if (e instanceof CspLoginException) {
            return "the chat server refused the login: " + e.getMessage();
        }
        if (e instanceof CspClosedException closed && closed.closeError() != null) {
            return "the chat server closed the connection: " + e.getMessage();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** The server said no. */
    static final class RefusedException extends Exception {

        RefusedException(String message) {
            super(message);
        }
    }

    /** A signature did not verify. */
    static final class UnverifiedException extends Exception {

        UnverifiedException(String message) {
            super(message);
        }
    }
}
