package dev.parley.client.rendezvous;

import dev.parley.common.crypto.ChaCha20Poly1305;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * Encrypted frames on one rendezvous path: ChaCha20-Poly1305 with the nonce
 * {@code u32-le(path ID) || u32-le(sequence) || 4 zero bytes} (§6.6), one key and one sequence
 * per direction. The handshake runs under the authentication keys, everything after it under
 * the transport keys ({@link #rekey}).
 */
final class RendezvousChannel implements AutoCloseable {

    private final RelayConnection relay;
    private final int pathId;
    private byte[] sendKey;
    private byte[] receiveKey;
    private int sendSequence;
    private int receiveSequence;

    RendezvousChannel(RelayConnection relay, int pathId, byte[] sendKey, byte[] receiveKey) {
        this.relay = relay;
        this.pathId = pathId;
        this.sendKey = sendKey;
        this.receiveKey = receiveKey;
    }

    void rekey(byte[] send, byte[] receive) {
        sendKey = send;
        receiveKey = receive;
        sendSequence = 0;
        receiveSequence = 0;
    }

    void send(byte[] plaintext) throws IOException {
        relay.send(ChaCha20Poly1305.seal(sendKey, nonce(++sendSequence), new byte[0], plaintext));
    }

    byte[] receive(Duration timeout) throws IOException {
        byte[] sealed = relay.receive(timeout);
        try {
            return ChaCha20Poly1305.open(receiveKey, nonce(++receiveSequence), new byte[0], sealed);
        } catch (RuntimeException e) {
            throw new IOException("a rendezvous frame did not authenticate", e);
        }
    }

    private byte[] nonce(int sequence) {
        return ByteBuffer.allocate(ChaCha20Poly1305.NONCE_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(pathId).putInt(sequence).array();
    }

    @Override
    public void close() {
        relay.close();
    }
}
