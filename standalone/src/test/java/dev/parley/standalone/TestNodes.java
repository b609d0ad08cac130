package dev.parley.standalone;

import dev.parley.directory.internal.InternalServer;
import dev.parley.standalone.services.RunningService;
import dev.parley.standalone.services.ServiceKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Launcher arguments for a node on free ports and a temporary data directory, so tests never
 * collide, and where a running test node listens.
 */
public final class TestNodes {

    private TestNodes() {
    }

    public static String[] freePortArguments(Path dataDir) {
        List<String> args = new ArrayList<>(List.of(
                "--parley.data-dir=" + dataDir,
                "--parley.standalone.postgres-port=0",
                "--parley.standalone.redis-port=0",
                "--parley.standalone.chat.csp-port=0",
                "--parley.standalone.directory.api-port=0"));
        for (ServiceKind kind : ServiceKind.values()) {
            args.add("--parley.standalone." + kind.id() + ".port=0");
            args.add("--parley.standalone." + kind.id() + ".internal-port=0");
        }
        return args.toArray(String[]::new);
    }

    /** The public port of {@code kind} on a running node. */
    public static int publicPort(RunningStandalone node, ServiceKind kind) {
        return node.services().stream().filter(s -> s.kind() == kind).findFirst().map(RunningService::publicPort)
                .orElseThrow();
    }

    /** The directory's internal API (admin, key lookup) on a running node. */
    public static int directoryAdminPort(RunningStandalone node) {
        return node.services().stream().filter(s -> s.kind() == ServiceKind.DIRECTORY).findFirst().orElseThrow()
                .context().getBean(InternalServer.class).port();
    }
}
