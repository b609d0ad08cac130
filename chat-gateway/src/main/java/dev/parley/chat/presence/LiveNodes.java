package dev.parley.chat.presence;

import dev.parley.chat.persistence.RedisKeys;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The gateway nodes of the cluster, for what goes to every node (a broadcast alert): one sorted set
 * {@code nodes}, node ID scored with the time it last said it was alive. A node counts as live
 * for {@link Presence#TTL} after that, as its presence entries do, so a crashed node drops out on
 * its own; a node that stops cleanly leaves at once.
 */
@Component
public class LiveNodes implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveNodes.class);

    private final ReactiveStringRedisTemplate redis;
    private final String key;
    private final String nodeId;
    private volatile boolean running;

    public LiveNodes(ReactiveStringRedisTemplate redis, RedisKeys keys, Presence presence) {
        this.redis = redis;
        this.key = keys.key("nodes");
        this.nodeId = presence.nodeId();
    }

    /** Says this node is alive and forgets the nodes that stopped saying so. */
    public Mono<Void> announce() {
        long now = System.currentTimeMillis();
        return redis.opsForZSet().add(key, nodeId, now)
                .then(redis.opsForZSet().removeRangeByScore(key, Range.closed(0.0, (double) cutoff(now))))
                .then();
    }

    /** The live nodes other than this one. */
    public Mono<Set<String>> others() {
        Range<Double> live = Range.rightUnbounded(Range.Bound.exclusive((double) cutoff(System.currentTimeMillis())));
        return redis.opsForZSet().rangeByScore(key, live)
                .filter(node -> !node.equals(nodeId))
                .collect(Collectors.toSet());
    }

    private static long cutoff(long now) {
        return now - Presence.TTL.toMillis();
    }

    @Override
    public void start() {
        running = true;
        // Later announcements come with the presence heartbeat; a Redis hiccup here is made up by them.
        announce().subscribe(null, e -> log.warn("node not announced: {}", e.toString()));
    }

    @Override
    public void stop() {
        running = false;
        // Leaving at once spares broadcasts a node that would never hear them; failing to, costs only that.
        redis.opsForZSet().remove(key, nodeId).then().timeout(Duration.ofSeconds(2))
                .onErrorResume(e -> Mono.empty()).block();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
