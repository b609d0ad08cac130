package dev.parley.chat.csp;

import dev.parley.chat.ChatProperties;
import dev.parley.chat.identity.IdentityKeys;
import dev.parley.chat.keys.ServerKeyPair;
import dev.parley.chat.message.MessageRouter;
import dev.parley.chat.push.PushTokens;
import dev.parley.common.csp.handshake.ClientHello;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import java.time.Duration;

/** The pipeline of one CSP connection: the unit decoder, then the connection handler (which adds the idle timer after login). */
final class CspChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final ServerKeyPair serverKey;
    private final Duration handshakeTimeout;
    private final IdentityKeys keys;
    private final Connections connections;
    private final MessageRouter router;
    private final PushTokens pushTokens;
    private final MeterRegistry meters;

    CspChannelInitializer(ServerKeyPair serverKey, ChatProperties properties, IdentityKeys keys, Connections connections,
                          MessageRouter router, PushTokens pushTokens, MeterRegistry meters) {
        this.serverKey = serverKey;
        this.handshakeTimeout = properties.csp().handshakeTimeout();
        this.keys = keys;
        this.connections = connections;
        this.router = router;
        this.pushTokens = pushTokens;
        this.meters = meters;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        CspUnitDecoder decoder = new CspUnitDecoder(ClientHello.LENGTH);
        channel.pipeline()
                .addLast("units", decoder)
                .addLast("csp", new CspConnectionHandler(decoder, serverKey, handshakeTimeout, keys, connections, router,
                        pushTokens, meters));
    }
}
