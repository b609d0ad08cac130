package dev.parley.mediator.session;

import dev.parley.common.d2m.D2mCloseCode;
import dev.parley.common.encoding.Hex;
import dev.parley.mediator.cluster.DevicePresence;
import dev.parley.mediator.cluster.DeviceRegistry;
import dev.parley.mediator.cluster.NodeChannel;
import dev.parley.mediator.cluster.NodeId;
import dev.parley.mediator.reflection.ReflectionWriter;
import dev.parley.mediator.reflection.StoredBatch;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tells the devices of a group, wherever they are connected, what concerns them: new reflections
 * in their queues, ephemeral reflections, the end of another device's transaction, a vacant
 * leader role, and "close this connection". Devices on this node are told directly (with the
 * reflections this node stored for them handed over); every other node holding a device of the
 * group gets one {@link NodeChannel} message, found through the {@link DeviceRegistry}.
 *
 * <p>Node messages: {@code deliver <DGID> <sender>}, {@code ephemeral <DGID> <sender> <flags>
 * <timestamp> <envelope b64>}, {@code ended <DGID> <holder device> <scope b64>},
 * {@code vacant <DGID>}, {@code close <DGID> <device> <connection or -1> <code>}.
 */
@Component
public class GroupEvents {

    private static final Logger log = LoggerFactory.getLogger(GroupEvents.class);
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final LocalSessions local;
    private final DeviceRegistry registry;
    private final NodeChannel channel;
    private final NodeId self;

    public GroupEvents(LocalSessions local, DeviceRegistry registry, NodeChannel channel, NodeId self,
                       ReflectionWriter writer) {
        this.local = local;
        this.registry = registry;
        this.channel = channel;
        this.self = self;
        channel.handler(this::received);
        writer.onStored(this::stored);
    }

    /**
     * A batch this node's writer committed: its rows go straight to the receiving devices on this
     * node, which send them at once if they are caught up (or else read them); other nodes holding
     * devices of the group are told to read.
     */
    private void stored(StoredBatch batch) {
        Map<ByteBuffer, String> hex = new HashMap<>();
        for (StoredBatch.SlotRows slot : batch.rows()) {
            String group = hex.computeIfAbsent(ByteBuffer.wrap(slot.groupId()), g -> Hex.encode(slot.groupId()));
            D2mSession session = local.device(group, slot.deviceId());
            if (session != null) {
                session.reflectionsStored(slot.rows());
            }
        }
        for (ReflectionWriter.GroupAndSender grown : batch.grown()) {
            String group = hex.computeIfAbsent(ByteBuffer.wrap(grown.groupId()), g -> Hex.encode(grown.groupId()));
            toOtherNodes(group, grown.senderDevice(), "deliver", group, Long.toString(grown.senderDevice()));
        }
    }

    public void ephemeral(String group, long sender, int flags, long timestamp, byte[] envelope) {
        ephemeralLocally(group, sender, flags, timestamp, envelope);
        toOtherNodes(group, sender, "ephemeral", group, Long.toString(sender), Integer.toString(flags),
                Long.toString(timestamp), B64.encodeToString(envelope));
    }

    public void transactionEnded(String group, long holder, byte[] scope) {
        endedLocally(group, holder, scope);
        toOtherNodes(group, holder, "ended", group, Long.toString(holder), B64.encodeToString(scope));
    }

    public void leaderVacant(String group) {
        vacantLocally(group);
        toOtherNodes(group, Long.MIN_VALUE, "vacant", group);
    }

    /** Closes the device's connection with {@code code}, unless it is the connection {@code except}. */
    public Mono<Void> closeDevice(String group, long device, D2mCloseCode code, DevicePresence except) {
        if (closeLocally(group, device, -1, code, except)) {
            return Mono.empty();
        }
        return registry.devices(group).flatMap(devices -> {
            DevicePresence at = devices.get(device);
            if (at == null || at.node().equals(self.value()) || at.equals(except)) {
                return Mono.empty();
            }
            return closeRemote(group, device, at, code);
        });
    }

    /** Closes one specific connection of the device, on whichever node it is. */
    public Mono<Void> closeConnection(String group, long device, DevicePresence connection, D2mCloseCode code) {
        if (connection.node().equals(self.value())) {
            closeLocally(group, device, connection.connection(), code, null);
            return Mono.empty();
        }
        return closeRemote(group, device, connection, code);
    }

    private Mono<Void> closeRemote(String group, long device, DevicePresence at, D2mCloseCode code) {
        return channel.send(at.node(), "close", group, Long.toString(device), Long.toString(at.connection()),
                Integer.toString(code.code()));
    }

    private void toOtherNodes(String group, long exceptDevice, String... words) {
        registry.devices(group)
                .flatMapMany(devices -> Flux.fromIterable(otherNodes(devices, exceptDevice)))
                .flatMap(node -> channel.send(node, words))
                .subscribe(null, e -> log.warn("telling other nodes about group {} failed: {}", words[0], e.toString()));
    }

    private Set<String> otherNodes(Map<Long, DevicePresence> devices, long exceptDevice) {
        Set<String> nodes = new HashSet<>();
        devices.forEach((device, presence) -> {
            if (device != exceptDevice && !presence.node().equals(self.value())) {
                nodes.add(presence.node());
            }
        });
        return nodes;
    }

    private void deliverLocally(String group, long sender) {
        for (D2mSession s : local.group(group)) {
            if (s.deviceId() != sender) {
                s.reflectionsAvailable();
            }
        }
    }

    private void ephemeralLocally(String group, long sender, int flags, long timestamp, byte[] envelope) {
        for (D2mSession s : local.group(group)) {
            if (s.deviceId() != sender) {
                s.deliverEphemeral(flags, timestamp, envelope);
            }
        }
    }

    private void endedLocally(String group, long holder, byte[] scope) {
        for (D2mSession s : local.group(group)) {
            if (s.deviceId() != holder) {
                s.transactionEnded(holder, scope);
            }
        }
    }

    private void vacantLocally(String group) {
        for (D2mSession s : local.group(group)) {
            if (s.tryLead()) {
                return;
            }
        }
    }

    private boolean closeLocally(String group, long device, long connection, D2mCloseCode code, DevicePresence except) {
        D2mSession s = local.device(group, device);
        if (s == null || (connection >= 0 && s.connectionId() != connection)
                || (except != null && except.equals(s.presence()))) {
            return false;
        }
        s.close(code);
        return true;
    }

    private void received(String[] w) {
        switch (w[0]) {
            case "deliver" -> deliverLocally(w[1], Long.parseLong(w[2]));
            case "ephemeral" -> ephemeralLocally(w[1], Long.parseLong(w[2]), Integer.parseInt(w[3]),
                    Long.parseLong(w[4]), B64D.decode(w[5]));
            case "ended" -> endedLocally(w[1], Long.parseLong(w[2]), B64D.decode(w[3]));
            case "vacant" -> vacantLocally(w[1]);
            case "close" -> D2mCloseCode.fromCode(Integer.parseInt(w[4])).ifPresent(code ->
                    closeLocally(w[1], Long.parseLong(w[2]), Long.parseLong(w[3]), code, null));
            default -> log.debug("unknown node message {}", w[0]);
        }
    }
}
