package dev.parley.chat.csp;

import dev.parley.chat.presence.NodeChannel;
import dev.parley.chat.presence.Presence;
import dev.parley.common.csp.payload.CspPayloadType;
import dev.parley.common.identity.ThreemaId;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The logged-in connections of this node, by identity. One connection per identity and device:
 * a new login replaces the older one, which is told so and closed (§5, "another connection"),
 * here or, through {@link Presence} and {@link NodeChannel}, on whichever node held it.
 */
@Component
public class Connections {

    static final String REPLACED = "Another connection for the same identity has been established";

    private static final Logger log = LoggerFactory.getLogger(Connections.class);

    private final Map<ThreemaId, List<CspConnection>> byIdentity = new ConcurrentHashMap<>();
    private final AtomicLong epochs = new AtomicLong();
    private final Presence presence;
    private final NodeChannel nodes;

    public Connections(Presence presence, NodeChannel nodes, MeterRegistry meters) {
        this.presence = presence;
        this.nodes = nodes;
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
        // A login of the same device on another node ends there too.
        long device = connection.cspDeviceId().orElse(0);
        presence.online(connection)
                .flatMap(previousNode -> nodes.replace(previousNode, connection.identity(), device))
                .subscribe(null, e -> log.warn("presence not recorded: {}", e.toString()));
    }

    /** Another node logged in {@code device} of {@code identity}: the connection here is the older one. */
    public void closeReplaced(ThreemaId identity, long device) {
        List<CspConnection> list = byIdentity.get(identity);
        if (list == null) {
            return;
        }
        for (CspConnection existing : list) {
            if (sameDevice(existing.cspDeviceId(), device == 0 ? OptionalLong.empty() : OptionalLong.of(device))) {
                list.remove(existing);
                existing.closeWithError(REPLACED);
            }
        }
    }

    /** Every identity with a connection here. */
    public java.util.Set<ThreemaId> identities() {
        return java.util.Set.copyOf(byIdentity.keySet());
    }

    void unregister(CspConnection connection) {
        boolean[] removed = new boolean[1];
        byIdentity.computeIfPresent(connection.identity(), (id, list) -> {
            removed[0] = list.remove(connection);
            return list.isEmpty() ? null : list;
        });
        if (removed[0]) {
            presence.offline(connection).subscribe(null, e -> log.warn("presence not removed: {}", e.toString()));
        }
    }

    /** The connections of {@code identity} that may receive messages now. */
    public List<CspConnection> receivers(ThreemaId identity) {
        List<CspConnection> list = byIdentity.get(identity);
        return list == null ? List.of() : list.stream().filter(CspConnection::receivesMessages).toList();
    }

    /**
     * Sends a container to every device of {@code identity} connected here; returns to how many.
     * Only logged-in connections are registered, so none still in its handshake gets it. A
     * connection that does not keep up is skipped, as it would be for a message that is never
     * queued: each gets a frame of its own, and those must not pile up in its channel.
     */
    public int sendToDevices(ThreemaId identity, CspPayloadType type, byte[] data) {
        return send(byIdentity.getOrDefault(identity, List.of()), type, data);
    }

    /** {@link #sendToDevices} for every identity connected here. */
    public int sendToEveryone(CspPayloadType type, byte[] data) {
        int sent = 0;
        for (List<CspConnection> list : byIdentity.values()) {
            sent += send(list, type, data);
        }
        return sent;
    }

    private static int send(List<CspConnection> list, CspPayloadType type, byte[] data) {
        int sent = 0;
        for (CspConnection connection : list) {
            if (connection.isActive() && connection.keepsUp()) {
                connection.send(type, data);
                sent++;
            }
        }
        return sent;
    }

    /** Closes every connection of {@code identity} with a close-error; returns how many. */
    public int closeAll(ThreemaId identity, String reason) {
        List<CspConnection> list = byIdentity.remove(identity);
        if (list == null) {
            return 0;
        }
        list.forEach(c -> {
            c.closeWithError(reason);
            presence.offline(c).subscribe(null, e -> log.warn("presence not removed: {}", e.toString()));
        });
        return list.size();
    }

    private static boolean sameDevice(OptionalLong a, OptionalLong b) {
        // A connection without a device ID stands for the identity's one device.
        return a.isEmpty() || b.isEmpty() || a.getAsLong() == b.getAsLong();
    }
}
