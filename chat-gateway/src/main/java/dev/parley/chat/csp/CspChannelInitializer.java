package dev.parley.chat.csp;

import dev.parley.chat.ChatProperties;
import dev.parley.chat.keys.ServerKeyPair;
import dev.parley.common.csp.handshake.ClientHello;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import java.time.Duration;

/** The pipeline of one CSP connection: the unit decoder, then the connection handler (which adds the idle timer after login). */
final class CspChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final ServerKeyPair serverKey;
    private final Duration handshakeTimeout;
    private final Duration idleTimeout;
    private final Duration echoAfter;
    private final CspServices services;
    private final PermanentSharedKeys permanentKeys;

    CspChannelInitializer(ServerKeyPair serverKey, ChatProperties properties, CspServices services) {
        this.serverKey = serverKey;
        this.handshakeTimeout = properties.csp().handshakeTimeout();
        this.idleTimeout = properties.csp().idleTimeout();
        this.echoAfter = properties.csp().echoAfter();
        this.services = services;
        this.permanentKeys = new PermanentSharedKeys(serverKey);
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        CspUnitDecoder decoder = new CspUnitDecoder(ClientHello.LENGTH);
        channel.pipeline()
                .addLast("units", decoder)
                .addLast("csp", new CspConnectionHandler(decoder, serverKey,
                        new CspConnectionHandler.Timeouts(handshakeTimeout, idleTimeout, echoAfter), services, permanentKeys));
    }
}
