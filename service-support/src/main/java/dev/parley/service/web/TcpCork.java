package dev.parley.service.web;

import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import java.util.function.Supplier;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Sends a response with its TCP connection corked, as nginx does with {@code tcp_nopush}: full
 * segments leave at once, partial ones wait until the response is written, and then go out
 * together. Without it the headers leave as a segment of their own and a body relayed in pieces
 * leaves in as many small segments, each waking the client (and its ACKs us) once more.
 *
 * <p>Only for HTTP/1.1 on the native epoll transport; anything else is sent as it is.
 */
public final class TcpCork {

    private TcpCork() {
    }

    /** Subscribes to {@code send} with the response's connection corked, and uncorks when it ends. */
    public static Mono<Void> around(ServerHttpResponse response, Supplier<Mono<Void>> send) {
        if (!FileRegionResponse.supports(response)) {
            return send.get();
        }
        HttpServerResponse nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
        return Mono.defer(() -> {
            Channel[] channel = new Channel[1];
            nativeResponse.withConnection(connection -> channel[0] = connection.channel());
            if (!set(channel[0], true)) {
                return send.get();
            }
            return send.get().doFinally(signal -> set(channel[0], false));
        });
    }

    /** @return whether the option was set */
    static boolean set(Channel channel, boolean corked) {
        if (!(channel instanceof EpollSocketChannel epoll) || !epoll.isOpen()) {
            return false;
        }
        try {
            return epoll.config().setOption(EpollChannelOption.TCP_CORK, corked);
        } catch (ChannelException closed) {
            // The peer went away meanwhile; there is nothing left to hold back or send.
            return false;
        }
    }
}
