package dev.parley.client.cli;

import dev.parley.client.cli.StateFile.State;
import dev.parley.client.directory.DirectoryClient;
import dev.parley.client.directory.IdentityCredentials;
import dev.parley.client.directory.PublicIdentity;
import dev.parley.common.encoding.Hex;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code parley identity create|show}. */
@Command(name = "identity", description = "Create or look up identities.", subcommands = {
        IdentityCommand.Create.class, IdentityCommand.Show.class})
final class IdentityCommand {

    @Command(name = "create", description = "Create a new identity with a fresh key pair and keep it in the state file.")
    static final class Create implements Callable<Integer> {

        @Mixin
        ClientOptions options;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (Files.exists(options.state)) {
                spec.commandLine().getErr().println("parley: " + options.state + " exists; refusing to overwrite an identity");
                return Parley.STATE;
            }
            char[] passphrase = options.passphrase();
            IdentityCredentials created = new DirectoryClient(options.directory).createIdentity();
            StateFile.write(options.state, passphrase, new State(created.identity(), created.keys()));
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
            Optional<PublicIdentity> found = new DirectoryClient(options.directory).fetch(id);
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
}
