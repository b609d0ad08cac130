package dev.parley.chat.presence;

import dev.parley.chat.persistence.RedisKeys;
import dev.parley.common.identity.ThreemaId;
import dev.parley.service.redis.ChannelListener;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Messages between gateway nodes over Redis pub/sub, one channel per node
 * ({@code node:<node ID>}): {@code deliver <ID>} (new messages wait in the queue for an identity
 * connected there), {@code replace <ID> <device>} (a newer login of that device happened
 * elsewhere) and {@code alert <ID or *> <base64 text>} (an operator alert for an identity
 * connected there, or for everyone connected there). A lost deliver or replace costs only
 * latency: the queue in PostgreSQL is the truth, and the client gets it at its next login. A lost
 * alert is lost, as one for an offline client is: alerts are never stored.
 */
@Component
public class NodeChannel extends ChannelListener {

    private static final Logger log = LoggerFactory.getLogger(NodeChannel.class);
    private static final String EVERYONE = "*";

    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final Presence presence;
    private volatile Consumer<ThreemaId> onDeliver = id -> { };
    private volatile BiConsumer<ThreemaId, Long> onReplace = (id, device) -> { };
    private volatile BiConsumer<Optional<ThreemaId>, String> onAlert = (id, text) -> { };

    public NodeChannel(ReactiveRedisConnectionFactory connections, ReactiveStringRedisTemplate redis, RedisKeys keys,
                       Presence presence) {
        super(connections);
        this.redis = redis;
        this.keys = keys;
        this.presence = presence;
    }

    /** Wires the handlers; called once by the component that owns the connections. */
    public void handlers(Consumer<ThreemaId> deliver, BiConsumer<ThreemaId, Long> replace) {
        this.onDeliver = deliver;
        this.onReplace = replace;
    }

    /** Wires the alert handler (identity, or empty for everyone, and the text); called once by its owner. */
    public void alerts(BiConsumer<Optional<ThreemaId>, String> alert) {
        this.onAlert = alert;
    }

    /** Emits whether the node was listening, i.e. whether anyone received the alert. */
    public Mono<Boolean> alert(String node, Optional<ThreemaId> identity, String text) {
        String encoded = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        return redis.convertAndSend(channel(node), "alert " + identity.map(ThreemaId::toString).orElse(EVERYONE)
                + " " + encoded).map(listeners -> listeners > 0);
    }

    public Mono<Void> deliver(String node, ThreemaId identity) {
        return redis.convertAndSend(channel(node), "deliver " + identity).then();
    }

    public Mono<Void> replace(String node, ThreemaId identity, long device) {
        return redis.convertAndSend(channel(node), "replace " + identity + " " + device).then();
    }

    private String channel(String node) {
        return keys.key("node:" + node);
    }

    @Override
    protected String channel() {
        return channel(presence.nodeId());
    }

    @Override
    protected void received(String message) {
        String[] parts = message.split(" ");
        if (parts.length == 3 && parts[0].equals("alert") && parts[1].equals(EVERYONE)) {
            alerted(Optional.empty(), parts[2]);
            return;
        }
        if (parts.length < 2 || !ThreemaId.isValid(parts[1])) {
            return;
        }
        ThreemaId identity = ThreemaId.of(parts[1]);
        try {
            if (parts[0].equals("deliver")) {
                onDeliver.accept(identity);
            } else if (parts[0].equals("replace") && parts.length == 3) {
                onReplace.accept(identity, Long.parseLong(parts[2]));
            } else if (parts[0].equals("alert") && parts.length == 3) {
                alerted(Optional.of(identity), parts[2]);
            }
        } catch (RuntimeException e) {
            log.warn("node message {} failed: {}", parts[0], e.toString());
        }
    }

    /** A malformed one throws, and the listener logs it. */
    private void alerted(Optional<ThreemaId> identity, String encoded) {
        onAlert.accept(identity, new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
    }
}
