package dev.parley.client.load.scenario;

import dev.parley.client.load.Identities;
import dev.parley.client.load.LoadSettings;
import dev.parley.client.load.engine.Scenario;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The scenarios by name. */
public final class Scenarios {

    public static final List<String> NAMES = List.of("logins", "messages", "offline", "idle", "directory", "blob",
            "safe", "reflect", "mixed");
    /** The ones a mix can hold (offline and idle have phases of their own). */
    public static final List<String> MIXABLE = List.of("logins", "messages", "directory", "blob", "safe", "reflect");

    private Scenarios() {
    }

    public static Scenario create(String name, LoadSettings settings, Identities identities, PrintWriter out) {
        return switch (name) {
            case "logins" -> new LoginsScenario(settings, identities);
            case "messages" -> new MessagesScenario(settings, identities);
            case "offline" -> new OfflineScenario(settings, identities);
            case "idle" -> new IdleScenario(settings, identities, out);
            case "directory" -> new DirectoryScenario(settings, identities);
            case "blob" -> new BlobScenario(settings);
            case "safe" -> new SafeScenario(settings);
            case "reflect" -> new ReflectScenario(settings);
            case "mixed" -> mixed(settings, identities, out);
            default -> throw new IllegalArgumentException("unknown scenario " + name + "; one of " + NAMES);
        };
    }

    private static Scenario mixed(LoadSettings settings, Identities identities, PrintWriter out) {
        if (settings.mix.isEmpty()) {
            throw new IllegalArgumentException("the mixed scenario needs --mix, e.g. messages=70,directory=20,blob=10");
        }
        List<Scenario> parts = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        for (Map.Entry<String, Integer> e : settings.mix.entrySet()) {
            if (!MIXABLE.contains(e.getKey())) {
                throw new IllegalArgumentException("a mix can hold " + MIXABLE + ", not " + e.getKey());
            }
            parts.add(create(e.getKey(), settings, identities, out));
            weights.add(e.getValue());
        }
        return new MixedScenario(parts, weights);
    }
}
