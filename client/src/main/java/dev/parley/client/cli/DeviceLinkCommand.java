package dev.parley.client.cli;

import com.google.protobuf.ByteString;
import dev.parley.client.cli.StateFile.Device;
import dev.parley.client.cli.StateFile.State;
import dev.parley.client.directory.DirectoryClient;
import dev.parley.client.directory.DirectoryException;
import dev.parley.client.rendezvous.DeviceLinking;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.X25519;
import dev.parley.common.encoding.Hex;
import dev.parley.common.link.proto.LinkData;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Linking a device through the rendezvous relay, with the roles the protocol gives them
 * (PROTOCOLS.md §6.6): the new device opens the rendezvous and shows its code ({@code device
 * join}); the existing device reads the code and hands over the identity and the device group key
 * over the end-to-end encrypted channel ({@code device link CODE}). Both run at the same time and
 * print the same path hash, which the user compares before trusting the new device.
 */
final class DeviceLinkCommand {

    private DeviceLinkCommand() {
    }

    static String defaultLabel() {
        String host = System.getenv("HOSTNAME");
        return "parley cli" + (host == null || host.isBlank() ? "" : " on " + host);
    }

    @Command(name = "join", description = "On the new device: open a rendezvous, print its link code, and wait "
            + "for the existing device to hand over the identity. Writes a new state file.")
    static final class Join implements Callable<Integer> {

        @Mixin
        ClientOptions options;

        @Spec
        CommandSpec spec;

        @Option(names = "--label", description = "Name the other devices see (default: parley cli on the host).")
        String label;

        @Option(names = "--timeout", defaultValue = "60", description = "Seconds to wait for the other device.")
        int timeoutSeconds;

        @Override
        public Integer call() throws Exception {
            if (Files.exists(options.state)) {
                spec.commandLine().getErr().println("parley: " + options.state + " exists; refusing to overwrite an identity");
                return Parley.STATE;
            }
            char[] passphrase = options.passphrase();
            PrintWriter out = spec.commandLine().getOut();
            DeviceLinking.Linked linked;
            try (DeviceLinking.Initiator rendezvous = DeviceLinking.initiate(options.rendezvousBase(),
                    GroupConnection.TIMEOUT)) {
                out.println(LinkCode.encode(rendezvous.init()));
                out.flush();
                spec.commandLine().getErr().println("parley: on the existing device run: parley device link <the code above>");
                spec.commandLine().getErr().flush();
                linked = rendezvous.awaitLink(Duration.ofSeconds(timeoutSeconds));
            }
            LinkData data = linked.data();
            Device device = GroupConnection.newDevice(data.getDeviceGroupKey().toByteArray(),
                    label != null ? label : defaultLabel());
            State state = new State(data.getIdentity(), X25519.KeyPair.fromSecretKey(data.getClientKey().toByteArray()),
                    data.getServerGroup(), device);
            GroupConnection.register(options, state);
            StateFile.write(options.state, passphrase, state);
            out.printf("linked %s as device %016x%npath hash %s%n", state.identity(), device.deviceId(),
                    Hex.encode(linked.pathHash()));
            return 0;
        }
    }

    @Command(name = "link", description = "On the existing device: hand this identity over to the new device that "
            + "shows CODE (turns multi-device on first if it is off).")
    static final class Link implements Callable<Integer> {

        @Mixin
        ClientOptions options;

        @Spec
        CommandSpec spec;

        @Parameters(description = "The link code the new device printed (parley-link:…).")
        String code;

        @Option(names = "--label", description = "Name of this device, if multi-device is turned on now.")
        String label;

        @Option(names = "--timeout", defaultValue = "60", description = "Seconds to wait for the other device.")
        int timeoutSeconds;

        @Override
        public Integer call() throws Exception {
            var init = LinkCode.decode(code);
            State me = options.loadState();
            if (!me.multiDevice()) {
                me = enableMultiDevice(me);
            }
            LinkData handover = LinkData.newBuilder().setIdentity(me.identity())
                    .setClientKey(ByteString.copyFrom(me.keys().secretKey()))
                    .setDeviceGroupKey(ByteString.copyFrom(me.device().groupKey()))
                    .setServerGroup(me.serverGroup()).build();
            byte[] pathHash = DeviceLinking.respond(init, handover, Duration.ofSeconds(timeoutSeconds));
            spec.commandLine().getOut().printf("handed %s over to the new device%npath hash %s%n", me.identity(),
                    Hex.encode(pathHash));
            return 0;
        }

        /** A fresh device group with this device as its first member, kept in the state file. */
        private State enableMultiDevice(State me) throws Exception {
            String serverGroup = me.serverGroup();
            if (serverGroup == null) {
                try {
                    serverGroup = new DirectoryClient(options.directory()).serverGroup(IdentityCommand.credentials(me));
                } catch (DirectoryException e) {
                    throw IdentityCommand.refused("reading the server group", e);
                }
            }
            Device device = GroupConnection.newDevice(CryptoRandom.bytes(32), label != null ? label : defaultLabel());
            State enabled = me.withDevice(serverGroup, device);
            GroupConnection.register(options, enabled);
            StateFile.write(options.state, options.passphrase(), enabled);
            spec.commandLine().getErr().printf("parley: multi-device on; this is device %016x%n", device.deviceId());
            return enabled;
        }
    }
}
