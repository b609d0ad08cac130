package dev.parley.standalone;

import dev.parley.standalone.services.ServiceKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Launcher arguments for a node on free ports and a temporary data directory, so tests never collide. */
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
}
