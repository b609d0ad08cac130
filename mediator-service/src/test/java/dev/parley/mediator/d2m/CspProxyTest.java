package dev.parley.mediator.d2m;

import static dev.parley.mediator.d2m.MediatorNodes.WAIT;
import static dev.parley.mediator.d2m.MediatorNodes.newGroup;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.d2m.D2mClient;
import dev.parley.client.d2m.DeviceOptions;
import dev.parley.common.crypto.CryptoRandom;
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
 * in pieces that ignore unit boundaries, reaches the device as one unit per proxy message.
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
