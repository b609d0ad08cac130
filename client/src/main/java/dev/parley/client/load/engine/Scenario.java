package dev.parley.client.load.engine;

import java.util.Map;

/**
 * What the engine drives. {@link #setUp} prepares everything that is not measured (identities,
 * connections); {@link #start} begins one operation and must return quickly, without blocking:
 * the operation reports its end exactly once through {@link Op#succeeded} or {@link Op#failed},
 * from any thread, including a timeout the scenario itself enforces.
 */
public interface Scenario extends AutoCloseable {

    String name();

    /** Creates identities, opens connections; registers its timers with {@code metrics}. */
    void setUp(Metrics metrics) throws Exception;

    void start(Op op);

    /** How many operations the run has at most (the idle scenario opens its connections once); 0 for no limit. */
    default long maxOperations() {
        return 0;
    }

    /**
     * Runs after the load phase while the engine still samples: the offline scenario's receivers
     * log in and drain their queues here.
     */
    default void afterLoad() throws Exception {
    }

    /** A short note for the progress line, e.g. how many connections are open. */
    default String progress() {
        return "";
    }

    /** Scenario-specific results for the reports. */
    default Map<String, Object> details() {
        return Map.of();
    }

    @Override
    default void close() throws Exception {
    }
}
