package dev.parley.client.rendezvous;

import dev.parley.common.d2m.rendezvous.RendezvousFrameDecoder;
import dev.parley.common.d2m.rendezvous.RendezvousFrames;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One device's WebSocket to the rendezvous relay, carrying {@code u32-le length || data} frames
 * (§6.6). Frames are reassembled however the relay's messages split them.
 */
final class RelayConnection implements AutoCloseable {

    private static final byte[] CLOSED = new byte[0];

    private final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
    private final RendezvousFrameDecoder decoder = new RendezvousFrameDecoder();
    private final WebSocket socket;
    private volatile int closeCode = -1;

    private RelayConnection(URI url, Duration timeout) throws IOException {
        try {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(timeout)
                    .buildAsync(url, new Listener()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        } catch (Exception e) {
            throw new IOException("rendezvous relay unreachable: " + url, e);
        }
    }

    static RelayConnection open(URI url, Duration timeout) throws IOException {
        return new RelayConnection(url, timeout);
    }

    void send(byte[] data) throws IOException {
        try {
            socket.sendBinary(ByteBuffer.wrap(RendezvousFrames.encode(data)), true).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        } catch (Exception e) {
            throw new IOException("sending through the rendezvous relay failed", e);
        }
    }

    byte[] receive(Duration timeout) throws IOException {
        byte[] frame;
        try {
            frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        }
        if (frame == null) {
            throw new IOException("nothing from the other device within " + timeout);
        }
        if (frame == CLOSED) {
            frames.add(CLOSED);
            throw new IOException("the relay closed the connection (code " + closeCode + ")");
        }
        return frame;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            decoder.decode(chunk, frames::add);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            frames.add(CLOSED);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            frames.add(CLOSED);
        }
    }
}
