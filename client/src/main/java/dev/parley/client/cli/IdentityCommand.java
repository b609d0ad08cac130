package dev.parley.client.cli;

import dev.parley.client.cli.StateFile.State;
import dev.parley.client.directory.DirectoryClient;
import dev.parley.client.directory.DirectoryException;
import dev.parley.client.directory.IdentityCredentials;
import dev.parley.client.directory.PublicIdentity;
import dev.parley.client.directory.RevocationKeyStatus;
import dev.parley.common.encoding.Hex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code parley identity create|show|revocation-password|revoke}. Revocation follows the
 * directory protocol (PROTOCOLS.md §1.7): the directory keeps only the first 4 bytes of the
 * password's SHA-256, and revoking with it needs no key, so a lost device can still be shut out.
 */
@Command(name = "identity", description = "Create, look up and revoke identities.", subcommands = {
        IdentityCommand.Create.class, IdentityCommand.Show.class, IdentityCommand.RevocationPassword.class,
        IdentityCommand.Revoke.class})
final class IdentityCommand {

    static String readPassword(Path file) throws java.io.IOException {
        String password = Files.readString(file).strip();
        if (password.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no password");
        }
        return password;
    }

    static IdentityCredentials credentials(State state) {
        return new IdentityCredentials(state.identity(), state.serverGroup(), state.keys());
    }

    /** The directory said no; scripts see exit 4. */
    static Parley.RefusedException refused(String what, DirectoryException e) {
        return new Parley.RefusedException(what + " refused by the directory: " + e.getMessage());
    }

    @Command(name = "create", description = "Create a new identity with a fresh key pair and keep it in the state file.")
    static final class Create implements Callable<Integer> {

        @Mixin
        ClientOptions options;

        @Spec
        CommandSpec spec;

        @Option(names = "--revocation-password-file",
                description = "Also set the revocation password held in this file.")
        Path revocationPasswordFile;

        @Override
        public Integer call() throws Exception {
            if (Files.exists(options.state)) {
                spec.commandLine().getErr().println("parley: " + options.state + " exists; refusing to overwrite an identity");
                return Parley.STATE;
            }
            char[] passphrase = options.passphrase();
            String revocationPassword = revocationPasswordFile == null ? null : readPassword(revocationPasswordFile);
            DirectoryClient directory = new DirectoryClient(options.directory());
            IdentityCredentials created = directory.createIdentity();
            StateFile.write(options.state, passphrase, new State(created.identity(), created.keys(),
                    created.serverGroup(), null));
            if (revocationPassword != null) {
                try {
                    directory.setRevocationPassword(created, revocationPassword);
                } catch (DirectoryException e) {
                    throw refused("setting the revocation password of " + created.identity(), e);
                }
            }
            spec.commandLine().getOut().println(created.identity());
            return 0;
        }
    }

    @Command(name = "show", description = "Show an identity's public key and state (default: our own).")
    static final class Show implements Callable<Integer> {

        @Mixin
        ClientOptions options;

        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..1", description = "Identity to look up.")
        String identity;

        @Override
        public Integer call() throws Exception {
            String id = identity != null ? identity : options.loadState().identity();
            Optional<PublicIdentity> found = new DirectoryClient(options.directory()).fetch(id);
            if (found.isEmpty()) {
                spec.commandLine().getErr().println("parley: unknown identity " + id);
                return Parley.REFUSED;
            }
            spec.commandLine().getOut().printf("identity   %s%npublic key %s%nstate      %s%n", found.get().identity(),
                    Hex.encode(found.get().publicKey()), found.get().state() == PublicIdentity.STATE_ACTIVE ? "active"
                            : found.get().state() == PublicIdentity.STATE_INACTIVE ? "inactive" : "revoked");
            return 0;
        }
    }

    @Command(name = "revocation-password",
            description = "Set (or change) the password that can revoke our identity without its key.")
    static final class RevocationPassword implements Callable<Integer> {

        @Mixin
        ClientOptions options;

        @Spec
        CommandSpec spec;

        @Option(names = "--password-file", required = true, description = "File holding the revocation password.")
        Path passwordFile;

        @Override
        public Integer call() throws Exception {
            State me = options.loadState();
            DirectoryClient directory = new DirectoryClient(options.directory());
            try {
                directory.setRevocationPassword(credentials(me), readPassword(passwordFile));
                RevocationKeyStatus status = directory.checkRevocationKey(credentials(me));
                spec.commandLine().getOut().println("revocation password set for " + me.identity()
                        + (status.lastChanged() == null ? "" : " (" + status.lastChanged().toInstant() + ")"));
            } catch (DirectoryException e) {
                throw refused("setting the revocation password", e);
            }
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke an identity for good: with its revocation password, "
            + "or with our own key from the state file. Later logins are refused.")
    static final class Revoke implements Callable<Integer> {

        @Mixin
        ClientOptions options;

        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..1", description = "Identity to revoke (default: our own).")
        String identity;

        @Option(names = "--password-file", description = "File holding the revocation password; "
                + "without it our own key proves the right to revoke.")
        Path passwordFile;

        @Option(names = "--yes", description = "Confirm: a revoked identity cannot be restored.")
        boolean confirmed;

        @Override
        public Integer call() throws Exception {
            if (!confirmed) {
                spec.commandLine().getErr().println("parley: revocation cannot be undone; add --yes to go ahead");
                return CommandLine.ExitCode.USAGE;
            }
            String target;
            try {
                if (passwordFile != null) {
                    target = identity != null ? identity : options.loadState().identity();
                    new DirectoryClient(options.directory()).revokeWithPassword(target, readPassword(passwordFile));
                } else {
                    State me = options.loadState();
                    if (identity != null && !identity.equals(me.identity())) {
                        spec.commandLine().getErr().println("parley: only our own identity can be revoked with its key;"
                                + " use --password-file for " + identity);
                        return CommandLine.ExitCode.USAGE;
                    }
                    target = me.identity();
                    new DirectoryClient(options.directory()).revoke(credentials(me));
                }
            } catch (DirectoryException e) {
                throw refused("revocation", e);
            }
            spec.commandLine().getOut().println("revoked " + target);
            return 0;
        }
    }
}
