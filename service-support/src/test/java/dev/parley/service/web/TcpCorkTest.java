package dev.parley.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.Channel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A response leaves corked (headers and body in full segments) and the connection is uncorked
 * after it, so that what follows on a keep-alive connection is not held back. Real sockets: the
 * option is read back from the kernel.
 */
class TcpCorkTest {

    @TempDir
    Path dir;

    /** Smaller than a segment: a connection left corked would hold all of it back. */
    private final byte[] content = new byte[100];
    private final List<Boolean> corkedWhileSending = new CopyOnWriteArrayList<>();
    private final List<Channel> channels = new CopyOnWriteArrayList<>();

    @BeforeEach
    void epollOnly() {
        assumeTrue(Epoll.isAvailable(), "TCP_CORK needs the native epoll transport");
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
    }

    @Test
    void aFileRegionLeavesCorkedAndUncorksAfterEveryResponse() throws Exception {
        Path file = Files.write(dir.resolve("blob"), content);
        serveTwiceOnOneConnection(response -> Mono.using(() -> FileChannel.open(file),
                open -> FileRegionResponse.send(response, open, 0, content.length),
                open -> {
                    try {
                        open.close();
                    } catch (Exception ignored) {
                        // test cleanup
                    }
                }));
    }

    @Test
    void aBodyInPiecesLeavesCorkedAndUncorksAfterEveryResponse() throws Exception {
        serveTwiceOnOneConnection(response -> TcpCork.around(response, () -> response.writeWith(Flux.range(0, 4)
                .map(piece -> response.bufferFactory().wrap(Arrays.copyOfRange(content, piece * 25, piece * 25 + 25))))));
    }

    private void serveTwiceOnOneConnection(Function<ServerHttpResponse, Mono<Void>> send) throws Exception {
        HttpHandler handler = (request, response) -> {
            Channel channel = channelOf(ServerHttpResponseDecorator.getNativeResponse(response));
            channels.add(channel);
            response.getHeaders().setContentLength(content.length);
            return send.apply(response).doOnSubscribe(subscription -> corkedWhileSending.add(corked(channel)));
        };
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .handle(new ReactorHttpHandlerAdapter(handler)).bindNow();
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/blob");
            for (int i = 0; i < 2; i++) {
                HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofByteArray());

                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo(content);
                assertThat(corked(channels.get(i))).as("corked after response %d", i).isFalse();
            }
            assertThat(channels.get(1)).as("one keep-alive connection").isSameAs(channels.get(0));
            assertThat(corkedWhileSending).containsExactly(true, true);
        } finally {
            server.disposeNow();
        }
    }

    private static Channel channelOf(HttpServerResponse response) {
        Channel[] channel = new Channel[1];
        response.withConnection(connection -> channel[0] = connection.channel());
        return channel[0];
    }

    private static boolean corked(Channel channel) {
        return channel.config().getOption(EpollChannelOption.TCP_CORK);
    }
}
