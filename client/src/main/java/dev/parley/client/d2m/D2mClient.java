package dev.parley.client.d2m;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import dev.parley.client.csp.CspTransport;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.DeviceGroupKeys;
import dev.parley.common.crypto.SecretBox;
import dev.parley.common.crypto.X25519;
import dev.parley.common.d2d.proto.DeviceInfo;
import dev.parley.common.d2d.proto.Envelope;
import dev.parley.common.d2m.D2mContainer;
import dev.parley.common.d2m.D2mPayloadType;
import dev.parley.common.d2m.MediatorPath;
import dev.parley.common.d2m.Reflect;
import dev.parley.common.d2m.ReflectFlags;
import dev.parley.common.d2m.Reflected;
import dev.parley.common.d2m.ReflectedAck;
import dev.parley.common.d2m.proto.BeginTransaction;
import dev.parley.common.d2m.proto.ClientHello;
import dev.parley.common.d2m.proto.CommitTransaction;
import dev.parley.common.d2m.proto.DevicesInfo;
import dev.parley.common.d2m.proto.DropDevice;
import dev.parley.common.d2m.proto.GetDevicesInfo;
import dev.parley.common.d2m.proto.ServerHello;
import dev.parley.common.d2m.proto.ServerInfo;
import dev.parley.common.d2m.proto.SetSharedDeviceData;
import dev.parley.common.d2m.proto.SlotExpirationPolicy;
import dev.parley.common.d2m.proto.SlotState;
import dev.parley.common.d2m.proto.SlotsExhaustedPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A device's D2M connection to the mediator (PROTOCOLS.md §6): the handshake with the challenge
 * answered under DGPK, reflection with envelopes sealed under DGRK, transactions, device
 * management, and the CSP proxy as a {@link CspTransport}.
 *
 * <p>Blocking and explicit, like {@code CspClient}: the caller decides when to ack reflected
 * messages, which is what tests and the load generator need. Proxy messages go to the CSP
 * transport; everything else waits in {@link #receive}.
 */
public final class D2mClient implements AutoCloseable {

    /** One client (one selector thread) for every connection of this process. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final D2mContainer CLOSED = new D2mContainer(0xff, new byte[0]);

    private final DeviceGroupKeys keys;
    private final long deviceId;
    private final BlockingQueue<D2mContainer> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> proxied = new LinkedBlockingQueue<>();
    private final AtomicLong reflectIds = new AtomicLong();
    private final D2mProxyTransport transport = new D2mProxyTransport(this, proxied);
    private volatile WebSocket socket;
    private volatile int closeCode = -1;
    private final Object demand = new Object();
    private boolean paused;
    private boolean requestOwed;
    private ServerInfo serverInfo;

    private D2mClient(DeviceGroupKeys keys, long deviceId) {
        this.keys = keys;
        this.deviceId = deviceId;
    }

    /**
     * Connects to {@code mediator} (a {@code ws://} or {@code wss://} base URL) and completes the
     * handshake.
     *
     * @throws D2mClosedException when the mediator refuses the device
     */
    public static D2mClient connect(URI mediator, DeviceGroupKeys keys, String serverGroup, long deviceId,
                                    DeviceOptions options, Duration timeout) throws IOException {
        return connect(mediator, keys, serverGroup, deviceId, options, null, timeout);
    }

    /**
     * Like {@link #connect(URI, DeviceGroupKeys, String, long, DeviceOptions, Duration)}, but first
     * sends {@code earlyProxyUnit} (a CSP client-hello) as a proxy message right after the socket
     * opens, before the D2M handshake, as the real clients do (§6.4).
     */
    public static D2mClient connect(URI mediator, DeviceGroupKeys keys, String serverGroup, long deviceId,
                                    DeviceOptions options, byte[] earlyProxyUnit, Duration timeout)
            throws IOException {
        D2mClient client = new D2mClient(keys, deviceId);
        client.open(mediator, serverGroup, timeout);
        if (earlyProxyUnit != null) {
            client.send(D2mPayloadType.PROXY, earlyProxyUnit);
        }
        client.handshake(options, timeout);
        return client;
    }

    private void open(URI mediator, String serverGroup, Duration timeout) throws IOException {
        String base = mediator.toString().replaceAll("/+$", "");
        URI uri = URI.create(base + new MediatorPath(keys.dgid(), serverGroup).toPath());
        try {
            socket = HTTP.newWebSocketBuilder().connectTimeout(timeout)
                    .buildAsync(uri, new Listener()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("connecting to the mediator");
        } catch (Exception e) {
            throw new IOException("mediator unreachable: " + uri, e);
        }
    }

    private void handshake(DeviceOptions options, Duration timeout) throws IOException {
        D2mContainer first = expect(D2mPayloadType.SERVER_HELLO, timeout);
        ServerHello hello = ServerHello.parseFrom(first.payload());
        byte[] nonce = CryptoRandom.bytes(SecretBox.NONCE_BYTES);
        byte[] box = SecretBox.seal(X25519.beforenm(keys.dgpk(), hello.getEsk().toByteArray()), nonce,
                hello.getChallenge().toByteArray());
        byte[] response = new byte[nonce.length + box.length];
        System.arraycopy(nonce, 0, response, 0, nonce.length);
        System.arraycopy(box, 0, response, nonce.length, box.length);
        DeviceInfo info = DeviceInfo.newBuilder().setPlatform(DeviceInfo.Platform.PLATFORM_DESKTOP)
                .setPlatformDetails("parley client").setLabel(options.label()).build();
        send(D2mPayloadType.CLIENT_HELLO, ClientHello.newBuilder()
                .setVersion(0)
                .setResponse(ByteString.copyFrom(response))
                .setDeviceId(deviceId)
                .setDeviceSlotsExhaustedPolicy(options.dropLeastRecent()
                        ? SlotsExhaustedPolicy.SLOTS_DROP_LEAST_RECENT : SlotsExhaustedPolicy.SLOTS_REJECT)
                .setDeviceSlotExpirationPolicy(options.persistent()
                        ? SlotExpirationPolicy.SLOT_PERSISTENT : SlotExpirationPolicy.SLOT_VOLATILE)
                .setExpectedDeviceSlotState(options.expectExisting() ? SlotState.SLOT_EXISTING : SlotState.SLOT_NEW)
                .setEncryptedDeviceInfo(ByteString.copyFrom(seal(keys.dgdik(), info.toByteArray())))
                .build());
        serverInfo = ServerInfo.parseFrom(expect(D2mPayloadType.SERVER_INFO, timeout).payload());
    }

    public ServerInfo serverInfo() {
        return serverInfo;
    }

    public long deviceId() {
        return deviceId;
    }

    public DeviceGroupKeys keys() {
        return keys;
    }

    // ---- sending ----

    public void send(D2mPayloadType type, MessageLite message) throws IOException {
        send(type, message.toByteArray());
    }

    public void send(D2mPayloadType type, byte[] payload) throws IOException {
        sendRaw(new D2mContainer(type, payload).encode());
    }

    /** Sends a WebSocket binary message as it is; for tests of malformed input. */
    public synchronized void sendRaw(byte[] message) throws IOException {
        try {
            socket.sendBinary(ByteBuffer.wrap(message), true).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        } catch (Exception e) {
            throw new IOException("sending to the mediator failed", e);
        }
    }

    /** Seals {@code envelope} under DGRK and reflects it; returns the reflect ID. */
    public long reflect(Envelope envelope, boolean ephemeral) throws IOException {
        long id = reflectIds.incrementAndGet() & 0xffff_ffffL;
        byte[] sealed = seal(keys.dgrk(), envelope.toBuilder().setDeviceId(deviceId).build().toByteArray());
        send(D2mPayloadType.REFLECT, new Reflect(ephemeral ? ReflectFlags.EPHEMERAL : 0, id, sealed).encode());
        return id;
    }

    public void ackReflected(Reflected reflected) throws IOException {
        send(D2mPayloadType.REFLECTED_ACK, new ReflectedAck(reflected.reflectedId()).encode());
    }

    /** Opens a reflected envelope with DGRK. */
    public Envelope open(Reflected reflected) throws InvalidProtocolBufferException {
        return Envelope.parseFrom(openSealed(keys.dgrk(), reflected.envelope()));
    }

    public void beginTransaction(byte[] scope, int ttlSeconds) throws IOException {
        send(D2mPayloadType.BEGIN_TRANSACTION, BeginTransaction.newBuilder()
                .setEncryptedScope(ByteString.copyFrom(seal(keys.dgtsk(), scope))).setTtl(ttlSeconds).build());
    }

    public void commitTransaction() throws IOException {
        send(D2mPayloadType.COMMIT_TRANSACTION, CommitTransaction.getDefaultInstance());
    }

    public DevicesInfo devicesInfo(Duration timeout) throws IOException {
        send(D2mPayloadType.GET_DEVICES_INFO, GetDevicesInfo.getDefaultInstance());
        return DevicesInfo.parseFrom(expect(D2mPayloadType.DEVICES_INFO, timeout).payload());
    }

    public void dropDevice(long device) throws IOException {
        send(D2mPayloadType.DROP_DEVICE, DropDevice.newBuilder().setDeviceId(device).build());
    }

    public void setSharedDeviceData(byte[] data) throws IOException {
        send(D2mPayloadType.SET_SHARED_DEVICE_DATA, SetSharedDeviceData.newBuilder()
                .setEncryptedSharedDeviceData(ByteString.copyFrom(seal(keys.dgsddk(), data))).build());
    }

    /** Opens the device info of another device of the group with DGDIK. */
    public DeviceInfo openDeviceInfo(ByteString sealed) throws InvalidProtocolBufferException {
        return DeviceInfo.parseFrom(openSealed(keys.dgdik(), sealed.toByteArray()));
    }

    // ---- receiving ----

    /** The next non-proxy message, or null when none arrives in time or the connection closed. */
    public D2mContainer receive(Duration timeout) throws InterruptedException {
        D2mContainer next = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next == CLOSED) {
            received.add(CLOSED);
            return null;
        }
        return next;
    }

    /** The next message of {@code type}, skipping others; null on timeout or close. */
    public D2mContainer receive(D2mPayloadType type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            D2mContainer next = receive(Duration.ofNanos(left));
            if (next == null || next.type() == type.code()) {
                return next;
            }
        }
        return null;
    }

    /** Like {@link #receive(D2mPayloadType, Duration)}, but a close or timeout is an exception. */
    public D2mContainer expect(D2mPayloadType type, Duration timeout) throws IOException {
        try {
            D2mContainer next = receive(type, timeout);
            if (next != null) {
                return next;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        }
        int code = awaitCloseCode(Duration.ofMillis(200));
        if (code >= 0) {
            throw new D2mClosedException(code, "mediator closed the connection instead of sending " + type);
        }
        throw new IOException("no " + type + " from the mediator within " + timeout);
    }

    /** The close code the mediator sent, waiting up to {@code timeout}; -1 while still open. */
    public int awaitCloseCode(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (closeCode < 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return closeCode;
    }

    public boolean isClosed() {
        return closeCode >= 0 || received.contains(CLOSED);
    }

    /** The CSP session's byte stream through this connection's proxy messages. */
    public CspTransport cspTransport() {
        return transport;
    }

    @Override
    public void close() {
        WebSocket ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        if (ws != null) {
            ws.abort();
        }
    }

    /**
     * Stops reading from the mediator, as a device that hangs does: what the mediator sends stays
     * in the socket buffers and then in the mediator. {@link #resumeReading()} reads on.
     */
    public void pauseReading() {
        synchronized (demand) {
            paused = true;
        }
    }

    public void resumeReading() {
        boolean request;
        synchronized (demand) {
            paused = false;
            request = requestOwed;
            requestOwed = false;
        }
        if (request) {
            socket.request(1);
        }
    }

    /** Drops the TCP connection without a close frame, as a device losing its network does. */
    public void abort() {
        socket.abort();
    }

    private static byte[] seal(byte[] key, byte[] plaintext) {
        byte[] nonce = CryptoRandom.bytes(SecretBox.NONCE_BYTES);
        byte[] box = SecretBox.seal(key, nonce, plaintext);
        byte[] out = Arrays.copyOf(nonce, nonce.length + box.length);
        System.arraycopy(box, 0, out, nonce.length, box.length);
        return out;
    }

    private static byte[] openSealed(byte[] key, byte[] sealed) {
        return SecretBox.open(key, Arrays.copyOf(sealed, SecretBox.NONCE_BYTES),
                Arrays.copyOfRange(sealed, SecretBox.NONCE_BYTES, sealed.length));
    }

    private final class Listener implements WebSocket.Listener {

        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            partial.writeBytes(chunk);
            if (last) {
                byte[] message = partial.toByteArray();
                partial.reset();
                D2mContainer container = D2mContainer.decode(message);
                if (container.type() == D2mPayloadType.PROXY.code()) {
                    proxied.add(container.payload());
                } else {
                    received.add(container);
                }
            }
            synchronized (demand) {
                if (paused) {
                    requestOwed = true;
                    return null;
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            received.add(CLOSED);
            proxied.add(new byte[0]);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (closeCode < 0) {
                closeCode = 1006;
            }
            received.add(CLOSED);
            proxied.add(new byte[0]);
        }
    }
}
