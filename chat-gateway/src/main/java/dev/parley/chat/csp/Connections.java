package dev.parley.chat.csp;

import dev.parley.common.identity.ThreemaId;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The logged-in connections of this node, by identity. One connection per identity and device:
 * a new login replaces the older one, which is told so and closed (§5, "another connection").
 */
@Component
public class Connections {

    static final String REPLACED = "Another connection for the same identity has been established";

    private final Map<ThreemaId, List<CspConnection>> byIdentity = new ConcurrentHashMap<>();
    private final AtomicLong epochs = new AtomicLong();

    public Connections(MeterRegistry meters) {
        Gauge.builder("parley.chat.connections", byIdentity, m -> m.values().stream().mapToInt(List::size).sum())
                .description("Logged-in CSP connections on this node")
                .register(meters);
    }

    long nextEpoch() {
        return epochs.incrementAndGet();
    }

    /** Registers a freshly logged-in connection and closes the one it replaces, if any. */
    void register(CspConnection connection) {
        List<CspConnection> list = byIdentity.computeIfAbsent(connection.identity(), id -> new CopyOnWriteArrayList<>());
        synchronized (list) {
            for (CspConnection existing : list) {
                if (sameDevice(existing.cspDeviceId(), connection.cspDeviceId())) {
                    list.remove(existing);
                    existing.closeWithError(REPLACED);
                }
            }
            list.add(connection);
        }
    }

    void unregister(CspConnection connection) {
        byIdentity.computeIfPresent(connection.identity(), (id, list) -> {
            list.remove(connection);
            return list.isEmpty() ? null : list;
        });
    }

    /** The connections of {@code identity} that may receive messages now. */
    public List<CspConnection> receivers(ThreemaId identity) {
        List<CspConnection> list = byIdentity.get(identity);
        return list == null ? List.of() : list.stream().filter(CspConnection::receivesMessages).toList();
    }

    /** Closes every connection of {@code identity} with a close-error; returns how many. */
    public int closeAll(ThreemaId identity, String reason) {
        List<CspConnection> list = byIdentity.remove(identity);
        if (list == null) {
            return 0;
        }
        list.forEach(c -> c.closeWithError(reason));
        return list.size();
    }

    private static boolean sameDevice(OptionalLong a, OptionalLong b) {
        // A connection without a device ID stands for the identity's one device.
        return a.isEmpty() || b.isEmpty() || a.getAsLong() == b.getAsLong();
    }
}
