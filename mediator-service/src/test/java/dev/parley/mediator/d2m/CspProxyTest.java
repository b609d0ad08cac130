package dev.parley.mediator.d2m;

import static dev.parley.mediator.d2m.MediatorNodes.WAIT;
import static dev.parley.mediator.d2m.MediatorNodes.newGroup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.d2m.D2mClient;
import dev.parley.client.d2m.D2mClosedException;
import dev.parley.client.d2m.DeviceOptions;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.d2m.D2mCloseCode;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CSP proxy against a scripted chat server on a real socket: the client-hello sent before
 * the handshake reaches the server once the device leads, and the server's byte stream, written
 * in pieces that ignore unit boundaries, reaches the device as one unit per proxy message; and
 * when the chat server hangs up right after its last units, they all arrive before the close.
 */
class CspProxyTest {

    private static MediatorNodes nodes;
    private static ServerSocket chat;

    @BeforeAll
    static void start() throws Exception {
        chat = new ServerSocket(0);
        nodes = new MediatorNodes(CspProxyTest.class);
        nodes.start("--parley.mediator.chat.host=127.0.0.1", "--parley.mediator.chat.port=" + chat.getLocalPort());
    }

    @AfterAll
    static void stop() throws Exception {
        nodes.close();
        chat.close();
    }

    @Test
    void unitsAreBufferedUntilLeadershipAndReSegmentedFromTheStream() throws Exception {
        byte[] clientHello = CryptoRandom.bytes(48);
        byte[] serverHello = CryptoRandom.bytes(80);
        byte[] loginAck = CryptoRandom.bytes(32);
        byte[] frame1 = frame(40);
        byte[] frame2 = frame(100);
        CompletableFuture<byte[]> serverGot = new CompletableFuture<>();
        Thread server = new Thread(() -> {
            try (Socket s = chat.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                byte[] hello = new byte[48];
                in.readFully(hello);
                serverGot.complete(hello);
                OutputStream out = s.getOutputStream();
                byte[] all = concat(serverHello, loginAck, frame1, frame2);
                // Pieces that cut through every unit boundary, including a length prefix.
                int[] cuts = {30, 81, 113, 114, 150, all.length};
                int from = 0;
                for (int cut : cuts) {
                    out.write(Arrays.copyOfRange(all, from, cut));
                    out.flush();
                    from = cut;
                    Thread.sleep(20);
                }
                InputStream rest = s.getInputStream();
                rest.read();
            } catch (Exception e) {
                serverGot.completeExceptionally(e);
            }
        });
        server.setDaemon(true);
        server.start();

        // The client-hello goes out before the D2M handshake, as real clients send it.
        try (D2mClient device = D2mClient.connect(nodes.uri(), newGroup(), MediatorNodes.SERVER_GROUP, 77,
                DeviceOptions.newDevice("leader"), clientHello, WAIT)) {
            assertThat(serverGot.get(10, TimeUnit.SECONDS)).isEqualTo(clientHello);
            java.io.InputStream units = device.cspTransport().input();
            device.cspTransport().readTimeout(WAIT);
            assertThat(units.readNBytes(80)).isEqualTo(serverHello);
            assertThat(units.readNBytes(32)).isEqualTo(loginAck);
            assertThat(units.readNBytes(frame1.length)).isEqualTo(frame1);
            assertThat(units.readNBytes(frame2.length)).isEqualTo(frame2);
        }
    }

    @Test
    void theLastUnitsBeforeTheChatServerHangsUpAllArriveThenTheClose() throws Exception {
        byte[] clientHello = CryptoRandom.bytes(48);
        byte[] serverHello = CryptoRandom.bytes(80);
        byte[] loginAck = CryptoRandom.bytes(32);
        // As a refused login: the login-ack, then the close-error frame, then the end of the stream.
        byte[] closeError = frame(16 + 4 + 1 + "Identity has been revoked".length());
        CompletableFuture<byte[]> serverGot = new CompletableFuture<>();
        Thread server = new Thread(() -> {
            try (Socket s = chat.accept()) {
                byte[] hello = new DataInputStream(s.getInputStream()).readNBytes(48);
                serverGot.complete(hello);
                byte[] all = concat(serverHello, loginAck, closeError);
                OutputStream out = s.getOutputStream();
                // The last piece is the tail of the frame, and the close follows it at once.
                out.write(Arrays.copyOfRange(all, 0, 120));
                out.flush();
                Thread.sleep(20);
                out.write(Arrays.copyOfRange(all, 120, all.length));
                out.flush();
            } catch (Exception e) {
                serverGot.completeExceptionally(e);
            }
        });
        server.setDaemon(true);
        server.start();

        try (D2mClient device = D2mClient.connect(nodes.uri(), newGroup(), MediatorNodes.SERVER_GROUP, 78,
                DeviceOptions.newDevice("leader"), clientHello, WAIT)) {
            assertThat(serverGot.get(10, TimeUnit.SECONDS)).isEqualTo(clientHello);
            device.cspTransport().readTimeout(WAIT);
            InputStream units = device.cspTransport().input();
            assertThat(nextUnit(units)).isEqualTo(serverHello);
            assertThat(nextUnit(units)).isEqualTo(loginAck);
            assertThat(nextUnit(units)).isEqualTo(closeError);
            assertThatThrownBy(() -> nextUnit(units)).isInstanceOfSatisfying(D2mClosedException.class,
                    closed -> assertThat(closed.code()).isEqualTo(D2mCloseCode.CSP_CONNECTION_CLOSED.code()));
        }
    }

    /**
     * One proxy message: the device's transport hands out at most the rest of the current proxy
     * message per read, so a read at a boundary with room for any frame returns exactly one.
     */
    private static byte[] nextUnit(InputStream units) throws java.io.IOException {
        byte[] buffer = new byte[2 + 8192];
        int n = units.read(buffer, 0, buffer.length);
        return Arrays.copyOf(buffer, n);
    }

    private static byte[] frame(int boxLength) {
        byte[] f = new byte[2 + boxLength];
        f[0] = (byte) boxLength;
        f[1] = (byte) (boxLength >>> 8);
        System.arraycopy(CryptoRandom.bytes(boxLength), 0, f, 2, boxLength);
        return f;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
