package dev.parley.service.web;

import io.netty.channel.Channel;
import io.netty.channel.DefaultFileRegion;
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
        // Corked, the headers and the file leave in full segments (nginx's tcp_nopush with sendfile).
        return TcpCork.around(response, () -> response.setComplete().then(Mono.defer(() -> nativeResponse
                .sendUsing(() -> file, (connection, open) -> body(connection, open, position, count), open -> {
                    // The caller closes the file.
                })
                .then())));
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
