package dev.parley.client.cli;

import com.google.protobuf.ByteString;
import dev.parley.client.cli.StateFile.Device;
import dev.parley.client.cli.StateFile.State;
import dev.parley.client.csp.CspClient;
import dev.parley.client.csp.CspClosedException;
import dev.parley.client.d2m.D2mClient;
import dev.parley.client.d2m.D2mClosedException;
import dev.parley.client.d2m.DeviceOptions;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.DeviceGroupKeys;
import dev.parley.common.csp.extension.CspDeviceIdExtension;
import dev.parley.common.csp.extension.LoginExtension;
import dev.parley.common.csp.extension.LoginExtensions;
import dev.parley.common.csp.payload.CspPayloadType;
import dev.parley.common.csp.payload.MessageStruct;
import dev.parley.common.d2d.proto.Envelope;
import dev.parley.common.d2m.D2mCloseCode;
import dev.parley.common.d2m.D2mPayloadType;
import dev.parley.common.identity.ThreemaId;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * This device's D2M connection to the mediator, for a state with multi-device on (PROTOCOLS.md
 * §6). When the device leads its group, its CSP session runs through the mediator's proxy; every
 * message it sends or receives is reflected to the other devices first, as the protocol orders it.
 *
 * <p>Reflected messages carry the CSP message struct as it went over the wire (sender, receiver,
 * nonce, box), so another device of the same identity opens it with the identity key it shares.
 */
final class GroupConnection implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final State state;
    private final D2mClient d2m;

    private GroupConnection(State state, D2mClient d2m) {
        this.state = state;
        this.d2m = d2m;
    }

    /** Connects as the device the state names; the mediator must know it already. */
    static GroupConnection open(ClientOptions options, State state) throws Exception {
        return new GroupConnection(state, connect(options, state, true));
    }

    /** Takes a device slot for a device that joins the group, so the others see it at once. */
    static void register(ClientOptions options, State state) throws Exception {
        connect(options, state, false).close();
    }

    private static D2mClient connect(ClientOptions options, State state, boolean existing) throws Exception {
        Device device = state.device();
        if (device == null) {
            throw new IllegalStateException("multi-device is off for " + state.identity()
                    + "; `parley device link` turns it on");
        }
        DeviceOptions slot = new DeviceOptions(existing, true, false, device.label());
        try {
            return D2mClient.connect(options.mediatorBase(), DeviceGroupKeys.derive(device.groupKey()),
                    state.serverGroup(), device.deviceId(), slot, TIMEOUT);
        } catch (D2mClosedException e) {
            throw refusal(e.code(), e);
        }
    }

    /** What a mediator close code means to the user; the device-level ones are refusals (exit 4). */
    static Exception refusal(int code, IOException cause) {
        String reason = D2mCloseCode.fromCode(code).map(known -> switch (known) {
            case DEVICE_DROPPED -> "this device was dropped from its group by another device";
            case DEVICE_SLOT_STATE_MISMATCH -> "the mediator does not know this device (dropped?)";
            case DEVICE_LIMIT_REACHED -> "the device group is full";
            case DUPLICATE_CONNECTION -> "another connection of this device replaced this one";
            default -> null;
        }).orElse(null);
        if (reason == null) {
            return cause;
        }
        return new Parley.RefusedException(reason + " (mediator close code " + code + ")");
    }

    /** A fresh device: random group key material is the caller's, these IDs are ours. */
    static Device newDevice(byte[] groupKey, String label) {
        long id;
        do {
            id = randomLong();
        } while (id == 0);
        return new Device(groupKey, id, randomLong(), label);
    }

    static long randomLong() {
        long value = 0;
        for (byte b : CryptoRandom.bytes(8)) {
            value = value << 8 | (b & 0xff);
        }
        return value;
    }

    D2mClient d2m() {
        return d2m;
    }

    State state() {
        return state;
    }

    /** Waits until the mediator makes this device the leader (after its reflection queue is dry). */
    void awaitLeadership() throws Exception {
        if (d2m.receive(D2mPayloadType.ROLE_PROMOTED_TO_LEADER, TIMEOUT) == null) {
            if (d2m.isClosed()) {
                throw refusal(d2m.awaitCloseCode(Duration.ofMillis(200)),
                        new IOException("the mediator closed the connection"));
            }
            throw new IOException("another device of " + state.identity() + " leads its group and holds the chat"
                    + " connection; send from that device or wait until it disconnects");
        }
    }

    /**
     * The leader's CSP login through the mediator's proxy. An unknown or revoked identity passes
     * this and learns why from the close-error that follows the login-ack ({@link #confirmLogin}).
     * The mediator closing with 4000 during the handshake means the chat server hung up without a
     * word, which it does when the vouch does not match the identity's key.
     */
    CspClient chat(ClientOptions options) throws Exception {
        List<LoginExtension> list = new ArrayList<>(SendCommand.CLI.extensions());
        list.add(new CspDeviceIdExtension(state.device().cspDeviceId()));
        LoginExtensions extensions = new LoginExtensions(list);
        try {
            return CspClient.connect(d2m.cspTransport(), options.chatPublicKey(), ThreemaId.of(state.identity()),
                    state.keys(), extensions, TIMEOUT);
        } catch (D2mClosedException e) {
            if (e.code() != D2mCloseCode.CSP_CONNECTION_CLOSED.code()) {
                throw refusal(e.code(), e);
            }
            throw new Parley.RefusedException("the chat server closed the connection during the login of "
                    + state.identity() + " (does this key match the directory's?)");
        }
    }

    /**
     * An echo round trip on a fresh leader connection: the answer proves the login was accepted;
     * a refused one ends in the server's close-error instead ({@code CspLoginException}). Nothing
     * else arrives before it, since a multi-device connection gets no messages until it unblocks.
     */
    void confirmLogin(CspClient chat) throws Exception {
        try {
            chat.send(CspPayloadType.ECHO_REQUEST, new byte[0]);
            if (chat.receive(CspPayloadType.ECHO_RESPONSE, TIMEOUT) == null) {
                throw new IOException("the chat server did not answer through the mediator");
            }
        } catch (IOException e) {
            throw chatEnded(chat, e);
        }
    }

    /**
     * What ended a leader's chat connection. When the chat server closes, the mediator forwards
     * its last frames and then closes too, so a failure on the D2M side can be noticed before the
     * chat client has read the reason: the reason, once read, wins.
     */
    Exception chatEnded(CspClient chat, Exception failure) throws InterruptedException {
        if (failure instanceof CspClosedException || !d2m.isClosed()) {
            return failure;
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                chat.receive(Duration.ofMillis(100));
            }
        } catch (CspClosedException closed) {
            return closed.closeError() != null ? closed : failure;
        }
        return failure;
    }

    long reflectIncoming(MessageStruct message) throws IOException {
        return d2m.reflect(Envelope.newBuilder().setIncomingMessage(ByteString.copyFrom(message.encode())).build(),
                false);
    }

    long reflectOutgoing(MessageStruct message) throws IOException {
        return d2m.reflect(Envelope.newBuilder().setOutgoingMessage(ByteString.copyFrom(message.encode())).build(),
                false);
    }

    @Override
    public void close() {
        d2m.close();
    }
}
