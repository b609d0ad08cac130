package dev.parley.chat.alert;

import dev.parley.chat.csp.Connections;
import dev.parley.chat.presence.LiveNodes;
import dev.parley.chat.presence.NodeChannel;
import dev.parley.chat.presence.Presence;
import dev.parley.common.csp.payload.Alert;
import dev.parley.common.csp.payload.CspPayloadType;
import dev.parley.common.identity.ThreemaId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends operator alerts (payload 0xe1) to logged-in connections: here at once, and through each
 * other node's channel to the nodes that hold the identity (from {@link Presence}) or, for
 * everyone, to every live node. Alerts are never stored: a client that is offline does not get it.
 */
@Component
public class OperatorAlerts {

    private static final Logger log = LoggerFactory.getLogger(OperatorAlerts.class);
    private static final Duration REDIS_WAIT = Duration.ofSeconds(5);

    private final Connections connections;
    private final Presence presence;
    private final LiveNodes liveNodes;
    private final NodeChannel nodes;
    private final Counter toIdentity;
    private final Counter toEveryone;
    private final Counter written;

    OperatorAlerts(Connections connections, Presence presence, LiveNodes liveNodes, NodeChannel nodes,
                   MeterRegistry meters) {
        this.connections = connections;
        this.presence = presence;
        this.liveNodes = liveNodes;
        this.nodes = nodes;
        this.toIdentity = Counter.builder("parley.chat.alerts").tag("scope", "identity")
                .description("Operator alerts accepted by this node's internal API").register(meters);
        this.toEveryone = Counter.builder("parley.chat.alerts").tag("scope", "everyone")
                .description("Operator alerts accepted by this node's internal API").register(meters);
        this.written = Counter.builder("parley.chat.alerts.written")
                .description("Alerts written to connections on this node, whichever node accepted them")
                .register(meters);
        nodes.alerts(this::fromOtherNode);
    }

    /**
     * Writes the alert here and hands it to the other nodes concerned. If Redis cannot be reached
     * in {@link #REDIS_WAIT}, the connections here still got it and the other nodes count as not
     * notified.
     */
    Mono<AlertOutcome> send(AlertRequest request) {
        Optional<ThreemaId> identity = request.identity();
        (identity.isPresent() ? toIdentity : toEveryone).increment();
        int here = writeHere(identity, request.message());
        Mono<Set<String>> elsewhere = identity.map(presence::otherNodes).orElseGet(liveNodes::others);
        return elsewhere
                .flatMapMany(Flux::fromIterable)
                .flatMap(node -> nodes.alert(node, identity, request.message()))
                .filter(listening -> listening)
                .count()
                // The operator gets an answer even when Redis hangs; what was written here stands.
                .timeout(REDIS_WAIT)
                .onErrorResume(e -> {
                    log.warn("alert not handed to other nodes: {}", e.toString());
                    return Mono.just(0L);
                })
                .map(notified -> new AlertOutcome(here, notified.intValue()));
    }

    private void fromOtherNode(Optional<ThreemaId> identity, String message) {
        if (Utf8.length(message) < 0 || Utf8.length(message) > AlertRequest.MAX_MESSAGE_BYTES) {
            log.warn("alert from another node refused: not a valid alert text");
            return;
        }
        writeHere(identity, message);
    }

    private int writeHere(Optional<ThreemaId> identity, String message) {
        byte[] data = new Alert(message).encode();
        int sent = identity.map(id -> connections.sendToDevices(id, CspPayloadType.ALERT, data))
                .orElseGet(() -> connections.sendToEveryone(CspPayloadType.ALERT, data));
        written.increment(sent);
        return sent;
    }
}
