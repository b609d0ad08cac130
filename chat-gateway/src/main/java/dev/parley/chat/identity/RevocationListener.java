package dev.parley.chat.identity;

import dev.parley.chat.ChatProperties;
import dev.parley.chat.csp.Connections;
import dev.parley.common.identity.ThreemaId;
import dev.parley.service.redis.ChannelListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Follows the directory's revocation channel: a revoked identity's cached key is dropped and its
 * live connections are closed with a close-error, so it can neither stay logged in nor log in again.
 */
@Component
class RevocationListener extends ChannelListener {

    private static final Logger log = LoggerFactory.getLogger(RevocationListener.class);

    private final String channel;
    private final IdentityKeys keys;
    private final Connections connections;

    RevocationListener(ReactiveRedisConnectionFactory redis, ChatProperties properties, IdentityKeys keys,
                       Connections connections) {
        super(redis);
        this.channel = properties.directory().revocationChannel();
        this.keys = keys;
        this.connections = connections;
    }

    @Override
    protected String channel() {
        return channel;
    }

    @Override
    protected void received(String identity) {
        if (!ThreemaId.isValid(identity)) {
            return;
        }
        ThreemaId id = ThreemaId.of(identity);
        keys.evict(id);
        int closed = connections.closeAll(id, "Identity has been revoked");
        log.info("identity {} revoked, {} connection(s) closed", identity, closed);
    }
}
