package dev.parley.service.web;

import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedNioFile;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Sends an already open file as the body of a Reactor Netty response.
 *
 * <p>Spring's zero-copy API takes a path and opens it again when the headers are out, so the
 * file sent could be another version than the one whose length was announced; an open
 * descriptor cannot change under us. Spring's response keeps its headers in Reactor Netty's, so
 * committing it (status and headers applied, nothing written) and then writing a file region on
 * the native response sends exactly what Spring would, with one open instead of two.
 *
 * <p>Like Reactor Netty's own {@code sendFile}, the region is chosen once the headers are out:
 * a TLS connection, an HTTP/2 stream or a compressed response cannot carry a file region, and
 * gets the file in chunks instead.
 */
public final class FileRegionResponse {

    private static final int CHUNK_SIZE = 8192;

    private FileRegionResponse() {
    }

    public static boolean supports(ServerHttpResponse response) {
        return ServerHttpResponseDecorator.getNativeResponse(response) instanceof HttpServerResponse;
    }

    /**
     * Sends {@code count} bytes of {@code file} from {@code position} (a byte range, or the whole
     * file from 0). The caller keeps owning {@code file} and closes it once the returned Mono ends.
     */
    public static Mono<Void> send(ServerHttpResponse response, FileChannel file, long position, long count) {
        HttpServerResponse nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
        return Mono.defer(() -> {
            Channel[] channel = new Channel[1];
            nativeResponse.withConnection(connection -> channel[0] = connection.channel());
            boolean corked = cork(channel[0], true);
            Mono<Void> sent = response.setComplete().then(Mono.defer(() -> nativeResponse
                    .sendUsing(() -> file, (connection, open) -> body(connection, open, position, count), open -> {
                        // The caller closes the file.
                    })
                    .then()));
            return corked ? sent.doFinally(signal -> cork(channel[0], false)) : sent;
        });
    }

    /**
     * Holds back partial segments while the headers and the file go out, as nginx does with
     * {@code tcp_nopush}: without it the headers leave as a segment of their own, and the client
     * is woken once for them and once more for the body. Uncorking sends what is held at once.
     *
     * @return whether the option was set (native epoll transport, a connection that carries file regions)
     */
    private static boolean cork(Channel channel, boolean on) {
        if (!(channel instanceof EpollSocketChannel epoll) || !carriesFileRegions(channel) || !epoll.isOpen()) {
            return false;
        }
        try {
            return epoll.config().setOption(EpollChannelOption.TCP_CORK, on);
        } catch (ChannelException closed) {
            // The peer went away meanwhile; there is nothing left to hold back or send.
            return false;
        }
    }

    /** Whether the bytes of a file region can go to the socket as they are. */
    static boolean carriesFileRegions(Channel channel) {
        return !(channel instanceof Http2StreamChannel)
                && channel.pipeline().get(SslHandler.class) == null
                && channel.pipeline().get(NettyPipeline.CompressionHandler) == null;
    }

    private static Object body(Connection connection, FileChannel file, long position, long count) {
        if (carriesFileRegions(connection.channel())) {
            return new DefaultFileRegion(file, position, count);
        }
        if (connection.channel().pipeline().get(ChunkedWriteHandler.class) == null) {
            connection.addHandlerLast(NettyPipeline.ChunkedWriter, new ChunkedWriteHandler());
        }
        try {
            return new ChunkedNioFile(file, position, count, CHUNK_SIZE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
