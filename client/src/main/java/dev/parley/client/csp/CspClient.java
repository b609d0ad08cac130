package dev.parley.client.csp;

import dev.parley.common.codec.DecodeException;
import dev.parley.common.crypto.AuthenticationException;
import dev.parley.common.crypto.CryptoException;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.ProtocolKeys;
import dev.parley.common.crypto.SecretBox;
import dev.parley.common.crypto.X25519;
import dev.parley.common.csp.extension.LoginExtensions;
import dev.parley.common.csp.frame.CspContainer;
import dev.parley.common.csp.frame.CspFrames;
import dev.parley.common.csp.frame.CspNonceSequence;
import dev.parley.common.csp.handshake.ClientHello;
import dev.parley.common.csp.handshake.LoginAck;
import dev.parley.common.csp.handshake.LoginData;
import dev.parley.common.csp.handshake.ServerHello;
import dev.parley.common.csp.handshake.ServerHelloPlaintext;
import dev.parley.common.csp.payload.Alert;
import dev.parley.common.csp.payload.CloseError;
import dev.parley.common.csp.payload.CspPayloadType;
import dev.parley.common.csp.payload.MessageAck;
import dev.parley.common.csp.payload.MessagePayloadFormat;
import dev.parley.common.csp.payload.MessageStruct;
import dev.parley.common.identity.ThreemaId;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A CSP client (PROTOCOLS.md §5) over a blocking socket: {@link #connect} performs the handshake
 * and login; a reader thread then opens every frame and queues its container for {@link #receive}.
 * Sending is thread-safe. The client does not answer echo requests or ack messages by itself:
 * callers decide, which is what tests and the load generator need. Every server payload, an
 * operator alert (0xe1, {@link #alert}) among them, comes out of {@link #receive} in the order sent.
 *
 * <p>A close-error is the server's last word, so it is not queued as a container: once everything
 * before it has been received, {@link #receive} throws {@link CspClosedException} carrying it.
 * The server refuses an unknown or revoked identity only after the login-ack (the login phase has
 * fixed sizes), so {@code connect} succeeds for it and the first {@code receive} throws
 * {@link CspLoginException}.
 */
public final class CspClient implements AutoCloseable {

    /** Marks the end of the stream in the receive queue; compared by identity. */
    private static final CspContainer CLOSED = new CspContainer(CspPayloadType.CLOSE_ERROR, new byte[1]);
    /** How long a failed write waits for the reader to take in the server's last frames. */
    private static final long READER_GRACE_MILLIS = 2000;

    private final CspTransport socket;
    private final OutputStream out;
    private final DataInputStream in;
    /** Sealing and opening run on different threads, and a SecretBox instance reuses its buffers: one each. */
    private final SecretBox sendBox;
    private final SecretBox receiveBox;
    private final CspNonceSequence clientNonces;
    private final CspNonceSequence serverNonces;
    private final ThreemaId identity;
    private final MessagePayloadFormat format;
    private final BlockingQueue<CspContainer> received = new LinkedBlockingQueue<>();
    private final Object readGate = new Object();
    private boolean readingPaused;
    /** Counted down once the reader has stopped and queued the end, before it closes the transport. */
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile CloseError closeError;
    /** The close-error was the first frame after the login-ack and forbids reconnecting. */
    private volatile boolean refusedAtLogin;

    private CspClient(CspTransport socket, byte[] sessionKey, CspNonceSequence clientNonces, CspNonceSequence serverNonces,
                      ThreemaId identity, MessagePayloadFormat format) throws IOException {
        this.socket = socket;
        this.out = socket.output();
        this.in = new DataInputStream(socket.input());
        this.sendBox = SecretBox.withKey(sessionKey);
        this.receiveBox = SecretBox.withKey(sessionKey);
        this.clientNonces = clientNonces;
        this.serverNonces = serverNonces;
        this.identity = identity;
        this.format = format;
        Thread reader = new Thread(this::readLoop, "csp-client-" + identity);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Connects and logs in as {@code identity} with its permanent key pair, trusting only
     * {@code serverPublicKey}. A server that does not accept the vouch closes without a word (an
     * {@link IOException} here); an unknown or revoked identity is told why after the login-ack,
     * see {@link #receive}.
     */
    public static CspClient connect(InetSocketAddress server, byte[] serverPublicKey, ThreemaId identity,
                                    X25519.KeyPair identityKeys, LoginExtensions extensions, Duration timeout)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(server, (int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            return connect(CspTransport.of(socket), serverPublicKey, identity, identityKeys, extensions, timeout);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Logs in over an already open transport, such as a D2M connection's CSP proxy. */
    public static CspClient connect(CspTransport socket, byte[] serverPublicKey, ThreemaId identity,
                                    X25519.KeyPair identityKeys, LoginExtensions extensions, Duration timeout)
            throws IOException {
        try {
            socket.readTimeout(timeout);
            return handshake(socket, serverPublicKey, identity, identityKeys, extensions);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static CspClient handshake(CspTransport socket, byte[] serverPublicKey, ThreemaId identity,
                                       X25519.KeyPair identityKeys, LoginExtensions extensions) throws IOException {
        OutputStream out = socket.output();
        DataInputStream in = new DataInputStream(socket.input());
        X25519.KeyPair temporary = X25519.generateKeyPair();
        byte[] clientCookie = CryptoRandom.bytes(ClientHello.COOKIE_LENGTH);
        out.write(new ClientHello(temporary.publicKey(), clientCookie).encode());
        out.flush();

        ServerHello hello = ServerHello.decode(readExactly(in, ServerHello.LENGTH));
        CspNonceSequence clientNonces = new CspNonceSequence(clientCookie);
        CspNonceSequence serverNonces = new CspNonceSequence(hello.serverCookie());
        ServerHelloPlaintext plain;
        try {
            plain = ServerHelloPlaintext.decode(SecretBox.open(X25519.beforenm(temporary.secretKey(), serverPublicKey),
                    serverNonces.next(), hello.box()));
        } catch (AuthenticationException e) {
            throw new IOException("server-hello does not open with the pinned server key");
        }
        if (!Arrays.equals(plain.clientCookie(), clientCookie)) {
            throw new IOException("server-hello repeats the wrong client cookie");
        }
        byte[] sessionKey = X25519.beforenm(temporary.secretKey(), plain.temporaryServerKey());
        SecretBox box = SecretBox.withKey(sessionKey);
        byte[] vouch = ProtocolKeys.cspVouch(X25519.beforenm(identityKeys.secretKey(), serverPublicKey),
                X25519.beforenm(identityKeys.secretKey(), plain.temporaryServerKey()), hello.serverCookie(),
                temporary.publicKey());
        byte[] extensionsPlain = extensions.encode();
        int extensionsBoxLength = extensionsPlain.length + SecretBox.MAC_BYTES;
        byte[] loginBox = box.seal(clientNonces.next(),
                LoginData.withExtensions(identity, extensionsBoxLength, hello.serverCookie(), vouch).encode());
        byte[] extensionsBox = box.seal(clientNonces.next(), extensionsPlain);
        out.write(loginBox);
        out.write(extensionsBox);
        out.flush();

        byte[] ack = readExactly(in, LoginAck.LENGTH);
        try {
            LoginAck.checkPlaintext(box.open(serverNonces.next(), ack));
        } catch (CryptoException | DecodeException notAnAck) {
            throw new IOException("the login-ack does not open with the session key");
        }
        socket.readTimeout(Duration.ZERO);
        return new CspClient(socket, sessionKey, clientNonces, serverNonces, identity, extensions.payloadFormat());
    }

    private static byte[] readExactly(DataInputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    public ThreemaId identity() {
        return identity;
    }

    /**
     * Sends one container.
     *
     * @throws CspClosedException when the write failed because the server had closed with a close-error
     */
    public synchronized void send(CspPayloadType type, byte[] data) throws IOException {
        byte[] sealed = sendBox.seal(clientNonces.next(), new CspContainer(type, data).encode());
        byte[] frame = new byte[2 + sealed.length];
        frame[0] = (byte) sealed.length;
        frame[1] = (byte) (sealed.length >>> 8);
        System.arraycopy(sealed, 0, frame, 2, sealed.length);
        try {
            out.write(frame);
            out.flush();
        } catch (IOException e) {
            throw closedOr(e);
        }
    }

    /**
     * A write fails once the server has closed, and the server's reason may still be on its way
     * to the reader (through the mediator, the close can overtake it): that reason explains the
     * failure better than the write's error. The reader stops promptly on a closed transport; the
     * wait is bounded only in case the transport never tells it.
     */
    private IOException closedOr(IOException failure) {
        boolean stopped = false;
        try {
            stopped = ended.await(READER_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!stopped || closeError == null) {
            return failure;
        }
        CspClosedException closed = closed();
        closed.addSuppressed(failure);
        return closed;
    }

    private CspClosedException closed() {
        CloseError error = closeError;
        return refusedAtLogin ? new CspLoginException(error) : new CspClosedException(error);
    }

    public void sendMessage(MessageStruct message) throws IOException {
        send(CspPayloadType.OUTGOING_MESSAGE, message.encode(format));
    }

    public void ackIncoming(MessageStruct message) throws IOException {
        send(CspPayloadType.INCOMING_MESSAGE_ACK, new MessageAck(message.sender(), message.messageId()).encode());
    }

    /**
     * The next container from the server, or null when none arrives in time.
     *
     * @throws CspLoginException when the server refused the login: its first frame was a close-error
     *         that forbids reconnecting
     * @throws CspClosedException when the connection has ended otherwise, with the close-error if
     *         the server sent one; only after every container that arrived before the end
     */
    public CspContainer receive(Duration timeout) throws InterruptedException, CspClosedException {
        CspContainer next = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next == CLOSED) {
            received.add(CLOSED);
            throw closed();
        }
        return next;
    }

    /**
     * The next container of {@code type}, skipping others; null on timeout.
     *
     * @throws CspClosedException as {@link #receive(Duration)}
     */
    public CspContainer receive(CspPayloadType type, Duration timeout) throws InterruptedException, CspClosedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            CspContainer next = receive(Duration.ofNanos(left));
            if (next == null || next.type() == type.code()) {
                return next;
            }
        }
        return null;
    }

    /** An incoming message decoded in this connection's payload format. */
    public MessageStruct decodeMessage(CspContainer container) {
        return MessageStruct.decode(container.data(), format);
    }

    /**
     * The alert (0xe1) the server sent for the user to see; empty for any other payload.
     *
     * @throws DecodeException when the alert is not valid UTF-8
     */
    public static Optional<Alert> alert(CspContainer container) {
        return container.type() == CspPayloadType.ALERT.code()
                ? Optional.of(Alert.decode(container.data())) : Optional.empty();
    }

    /** The close-error the server sent before closing, if it sent one. */
    public CloseError closeError() {
        return closeError;
    }

    public boolean isClosed() {
        return socket.isClosed() || received.contains(CLOSED);
    }

    /**
     * Stops reading from the server, as a client that hangs does: what the server sends stays in
     * the socket buffers and then with the server. {@link #resumeReading()} reads on.
     */
    public void pauseReading() {
        synchronized (readGate) {
            readingPaused = true;
        }
    }

    public void resumeReading() {
        synchronized (readGate) {
            readingPaused = false;
            readGate.notifyAll();
        }
    }

    private void readLoop() {
        boolean first = true;
        try {
            while (true) {
                synchronized (readGate) {
                    while (readingPaused) {
                        readGate.wait();
                    }
                }
                int length = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
                CspFrames.checkBoxLength(length);
                byte[] sealed = readExactly(in, length);
                CspContainer container = CspContainer.decode(receiveBox.open(serverNonces.next(), sealed));
                if (container.type() == CspPayloadType.CLOSE_ERROR.code()) {
                    CloseError error = CloseError.decode(container.data());
                    // Set before the end marker is queued, so receive sees them with it.
                    refusedAtLogin = first && !error.canReconnect();
                    closeError = error;
                    return;
                }
                first = false;
                received.add(container);
            }
        } catch (EOFException | java.net.SocketException e) {
            // The server or we closed the connection.
        } catch (IOException | RuntimeException e) {
            // A frame we cannot open: the connection is unusable.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            received.add(CLOSED);
            ended.countDown();
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already closing.
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
