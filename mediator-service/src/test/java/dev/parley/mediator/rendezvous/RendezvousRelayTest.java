package dev.parley.mediator.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.d2m.rendezvous.RendezvousPath;
import dev.parley.mediator.MediatorApplication;
import dev.parley.testsupport.postgres.PostgresDatabase;
import dev.parley.testsupport.postgres.SharedPostgres;
import dev.parley.testsupport.redis.RedisServerInfo;
import dev.parley.testsupport.redis.SharedRedis;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The rendezvous relay over real WebSockets: pairing, verbatim forwarding, close codes. */
class RendezvousRelayTest {

    private static ConfigurableApplicationContext node;
    private static int port;

    @BeforeAll
    static void start() {
        PostgresDatabase db = SharedPostgres.databaseFor(RendezvousRelayTest.class);
        RedisServerInfo redis = SharedRedis.infoFor(RendezvousRelayTest.class);
        node = MediatorApplication.application().run("--server.port=0", "--management.server.port=0",
                "--parley.mediator.internal.api-secret=mediator-test-internal-secret-0123456789",
                "--parley.mediator.rendezvous.peer-timeout=1s", "--parley.mediator.rendezvous.max-connections-per-ip=6",
                "--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port(),
                "--parley.mediator.redis.key-prefix=" + redis.keyPrefix() + "mediator:");
        port = node.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** A relay client that records what it receives and how it was closed. */
    static final class Peer implements WebSocket.Listener {
        final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        WebSocket socket;

        static Peer open(String path) throws Exception {
            Peer peer = new Peer();
            peer.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + path), peer).get(10, TimeUnit.SECONDS);
            return peer;
        }

        void send(byte[] bytes) throws Exception {
            socket.sendBinary(ByteBuffer.wrap(bytes), true).get(10, TimeUnit.SECONDS);
        }

        byte[] next() throws InterruptedException {
            return received.poll(10, TimeUnit.SECONDS);
        }

        int closeCode() throws Exception {
            return closed.get(10, TimeUnit.SECONDS);
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            partial.writeBytes(chunk);
            if (last) {
                received.add(partial.toByteArray());
                partial.reset();
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(1006);
        }
    }

    private static String newPath() {
        return RendezvousPath.of(CryptoRandom.bytes(32)).toRequestPath();
    }

    @Test
    void twoPeersExchangeBytesVerbatimAndAThirdIsTurnedAway() throws Exception {
        String path = newPath();
        Peer rid = Peer.open(path);
        Peer rrd = Peer.open(path);
        byte[] hello = CryptoRandom.bytes(300);
        rrd.send(hello);
        assertThat(rid.next()).isEqualTo(hello);
        byte[] half = {1, 0, 0};
        rid.send(half);
        rid.send(new byte[] {0, 42});
        assertThat(rrd.next()).containsExactly(1, 0, 0);
        assertThat(rrd.next()).containsExactly(0, 42);
        Peer third = Peer.open(path);
        assertThat(third.closeCode()).isEqualTo(4000);
        rid.socket.sendClose(4100, "upper layer");
        assertThat(rrd.closeCode()).as("41xx is reflected").isEqualTo(4100);
    }

    @Test
    void aPeerThatDisconnectsLeavesTheOtherWith4004() throws Exception {
        String path = newPath();
        Peer rid = Peer.open(path);
        Peer rrd = Peer.open(path);
        rrd.socket.abort();
        assertThat(rid.closeCode()).isEqualTo(4004);
    }

    @Test
    void aPeerThatNeverComesEndsTheWaitWith4003() throws Exception {
        Peer lonely = Peer.open(newPath());
        assertThat(lonely.closeCode()).isEqualTo(4003);
    }

    @Test
    void aBadPathIsClosedWith4000() throws Exception {
        String good = newPath();
        String wrongPrefix = "/" + (good.charAt(1) == '0' ? "1" : "0") + good.substring(2);
        assertThat(Peer.open(wrongPrefix).closeCode()).isEqualTo(4000);
        assertThat(Peer.open(good.toUpperCase().replace("/", "/")).closeCode()).isEqualTo(4000);
    }
}
