package dev.parley.client.cli;

import dev.parley.client.cli.StateFile.State;
import dev.parley.common.d2d.proto.DeviceInfo;
import dev.parley.common.d2m.D2mPayloadType;
import dev.parley.common.d2m.proto.DevicesInfo;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code parley device join|link|list|drop}: the devices of one identity's group on the
 * mediator. Device IDs are printed and read as 16 hex digits; labels are decrypted here with the
 * group's device-info key (the mediator stores them encrypted).
 */
@Command(name = "device", description = "Link, list and drop the devices of this identity (multi-device).",
        subcommands = {DeviceLinkCommand.Join.class, DeviceLinkCommand.Link.class, DeviceCommand.List.class,
                DeviceCommand.Drop.class})
final class DeviceCommand {

    static long parseId(CommandSpec spec, String hex) {
        if (!hex.matches("[0-9a-fA-F]{1,16}")) {
            // A usage error (exit 2), as if picocli had rejected it while parsing.
            throw new CommandLine.ParameterException(spec.commandLine(), "a device ID is up to 16 hex digits: " + hex);
        }
        return Long.parseUnsignedLong(hex, 16);
    }

    static Map<Long, DevicesInfo.AugmentedDeviceInfo> devices(GroupConnection group) throws Exception {
        return new TreeMap<>(group.d2m().devicesInfo(GroupConnection.TIMEOUT).getAugmentedDeviceInfoMap());
    }

    @Command(name = "list", description = "Show the group's devices: ID, label, platform, connection state.")
    static final class List implements Callable<Integer> {

        @Mixin
        ClientOptions options;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            State me = options.loadState();
            PrintWriter out = spec.commandLine().getOut();
            try (GroupConnection group = GroupConnection.open(options, me)) {
                for (var entry : devices(group).entrySet()) {
                    DevicesInfo.AugmentedDeviceInfo device = entry.getValue();
                    String label;
                    String platform;
                    try {
                        DeviceInfo info = group.d2m().openDeviceInfo(device.getEncryptedDeviceInfo());
                        label = info.getLabel();
                        platform = info.getPlatform().name().replace("PLATFORM_", "").toLowerCase();
                    } catch (RuntimeException | com.google.protobuf.InvalidProtocolBufferException e) {
                        label = "(device info does not open with the group key)";
                        platform = "?";
                    }
                    String state = device.hasConnectedSince()
                            ? "connected since " + Instant.ofEpochMilli(device.getConnectedSince())
                            : "last seen " + Instant.ofEpochMilli(device.getLastDisconnectAt());
                    boolean self = entry.getKey() == me.device().deviceId();
                    out.printf("%016x  %-30s %-8s %s%s%n", entry.getKey(), label, platform, state,
                            self ? "  (this device)" : "");
                }
            }
            return 0;
        }
    }

    @Command(name = "drop", description = "Remove a device from the group; the mediator disconnects it (4113) "
            + "and it can only come back by being linked anew.")
    static final class Drop implements Callable<Integer> {

        @Mixin
        ClientOptions options;

        @Spec
        CommandSpec spec;

        @Parameters(description = "The device ID, as `device list` prints it.")
        String id;

        @Override
        public Integer call() throws Exception {
            long target = parseId(spec, id);
            State me = options.loadState();
            if (me.multiDevice() && target == me.device().deviceId()) {
                spec.commandLine().getErr().println("parley: this is our own device; drop it from another one");
                return CommandLine.ExitCode.USAGE;
            }
            try (GroupConnection group = GroupConnection.open(options, me)) {
                if (!devices(group).containsKey(target)) {
                    throw new Parley.RefusedException(String.format("no device %016x in this group", target));
                }
                group.d2m().dropDevice(target);
                if (group.d2m().receive(D2mPayloadType.DROP_DEVICE_ACK, GroupConnection.TIMEOUT) == null) {
                    throw new java.io.IOException("the mediator did not confirm the drop");
                }
            }
            spec.commandLine().getOut().printf("dropped %016x%n", target);
            return 0;
        }
    }
}
