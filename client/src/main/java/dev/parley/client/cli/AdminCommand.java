package dev.parley.client.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code parley admin}: the directory's admin API on its internal port (bearer secret from
 * {@code PARLEY_ADMIN_SECRET} or a file). Prints the API's JSON answers as they come.
 */
@Command(name = "admin", description = "The directory's admin API.", subcommands = {
        AdminCommand.Counts.class, AdminCommand.ShowIdentity.class, AdminCommand.RevokeIdentity.class,
        AdminCommand.JunkReports.class, AdminCommand.LockRemoteSecrets.class})
final class AdminCommand {

    /** Where the admin API is and how to authenticate. */
    static final class AdminOptions {

        @Option(names = "--admin", defaultValue = "${env:PARLEY_ADMIN:-http://localhost:9181/}",
                description = "Admin API base URL (default: ${DEFAULT-VALUE}).")
        URI admin;

        @Option(names = "--admin-secret-file", description = "File holding the admin secret (else PARLEY_ADMIN_SECRET).")
        Path secretFile;

        String secret() throws java.io.IOException {
            if (secretFile != null) {
                return Files.readString(secretFile).strip();
            }
            String env = System.getenv("PARLEY_ADMIN_SECRET");
            if (env == null || env.isEmpty()) {
                throw new IllegalArgumentException("no admin secret: set PARLEY_ADMIN_SECRET or --admin-secret-file");
            }
            return env;
        }

        /** Sends the request and prints the body; 404 and 4xx are refusals, 5xx failures. */
        int call(CommandSpec spec, String method, String path) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(admin.resolve(path))
                    .header("Authorization", "Bearer " + secret())
                    .method(method, HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401) {
                throw new Parley.RefusedException("the admin API refused the secret");
            }
            if (!response.body().isEmpty()) {
                spec.commandLine().getOut().println(response.body());
            }
            if (response.statusCode() >= 500) {
                return 1;
            }
            return response.statusCode() >= 400 ? Parley.REFUSED : 0;
        }
    }

    @Command(name = "counts", description = "Identities, Work organisations and users, licence keys.")
    static final class Counts implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        AdminOptions options;

        @Override
        public Integer call() throws Exception {
            return options.call(spec, "GET", "admin/v1/counts");
        }
    }

    /** An admin request about one identity: the method and path are all that differ. */
    abstract static class OnIdentity implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        AdminOptions options;
        @Parameters(description = "Identity.")
        String identity;

        abstract String method();

        abstract String path();

        @Override
        public Integer call() throws Exception {
            return options.call(spec, method(), "admin/v1/identities/" + identity + path());
        }
    }

    @Command(name = "show", description = "An identity with its server group, creation and revocation times.")
    static final class ShowIdentity extends OnIdentity {
        String method() {
            return "GET";
        }

        String path() {
            return "";
        }
    }

    @Command(name = "revoke", description = "Revoke an identity: its logins end everywhere.")
    static final class RevokeIdentity extends OnIdentity {
        String method() {
            return "POST";
        }

        String path() {
            return "/revoke";
        }

        @Override
        public Integer call() throws Exception {
            int code = super.call();
            if (code == 0) {
                spec.commandLine().getOut().println("revoked " + identity);
            }
            return code;
        }
    }

    @Command(name = "junk-reports", description = "How many identities reported this one as junk.")
    static final class JunkReports extends OnIdentity {
        String method() {
            return "GET";
        }

        String path() {
            return "/junk-reports";
        }
    }

    @Command(name = "lock-remote-secrets", description = "Delete a Work identity's remote secrets, locking its apps.")
    static final class LockRemoteSecrets extends OnIdentity {
        String method() {
            return "DELETE";
        }

        String path() {
            return "/remote-secrets";
        }
    }
}
