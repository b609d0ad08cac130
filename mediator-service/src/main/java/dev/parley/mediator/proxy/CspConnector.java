package dev.parley.mediator.proxy;

import dev.parley.mediator.MediatorProperties;
import io.netty.channel.ChannelOption;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.tcp.TcpClient;

/**
 * Opens the TCP connection to the chat gateway that a leader's proxied CSP session runs over.
 * The mediator neither opens nor alters CSP bytes; it only cuts the server's stream into units
 * ({@link CspStreamSegmenter}).
 */
@Component
public class CspConnector {

    private final TcpClient client;

    public CspConnector(MediatorProperties properties) {
        MediatorProperties.Chat chat = properties.chat();
        this.client = TcpClient.create()
                .host(chat.host())
                .port(chat.port())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) chat.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true);
    }

    public Mono<Connection> connect() {
        return client.connect().map(c -> (Connection) c);
    }
}
