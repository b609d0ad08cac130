package dev.parley.client.rendezvous;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.parley.common.crypto.ConstantTime;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.RendezvousAuthKeys;
import dev.parley.common.crypto.RendezvousTransportKeys;
import dev.parley.common.crypto.X25519;
import dev.parley.common.d2m.rendezvous.RendezvousPath;
import dev.parley.common.link.proto.LinkData;
import dev.parley.common.rendezvous.proto.Handshake;
import dev.parley.common.rendezvous.proto.Nominate;
import dev.parley.common.rendezvous.proto.RendezvousInit;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Links a new device to an identity through the rendezvous relay (§6.6). The new device is the
 * initiator (RID): it opens a path and shows a {@link RendezvousInit} (in a QR code). The existing
 * device is the responder (RRD): it reads the init, connects to the same path, and both run the
 * three-message handshake under the keys derived from AK; each proves it knows AK by repeating
 * the other's challenge, and the ephemeral keys give fresh transport keys. RRD then nominates the
 * path and sends the {@link LinkData}. Both sides end with the same rendezvous path hash (RPH),
 * which the user compares on both screens.
 *
 * <p>The relay sees only ciphertext.
 */
public final class DeviceLinking {

    private static final int PATH_ID = 1;
    private static final int CHALLENGE_BYTES = 16;

    private DeviceLinking() {
    }

    /** What the new device learns: the identity data and the path hash to compare. */
    public record Linked(LinkData data, byte[] pathHash) {
    }

    /** The new device's side, waiting for the existing device. */
    public static final class Initiator implements AutoCloseable {

        private final RendezvousInit init;
        private final RelayConnection relay;

        private Initiator(RendezvousInit init, RelayConnection relay) {
            this.init = init;
            this.relay = relay;
        }

        /** What the existing device needs, shown to it out of band. */
        public RendezvousInit init() {
            return init;
        }

        /** Runs the handshake once the existing device arrives and returns what it sent. */
        public Linked awaitLink(Duration timeout) throws IOException {
            byte[] ak = init.getAk().toByteArray();
            RendezvousAuthKeys auth = RendezvousAuthKeys.derive(ak);
            try (RendezvousChannel channel = new RendezvousChannel(relay, PATH_ID, auth.ridak(), auth.rrdak())) {
                Handshake.RrdToRid.Hello hello = Handshake.RrdToRid.Hello.parseFrom(channel.receive(timeout));
                byte[] challenge = CryptoRandom.bytes(CHALLENGE_BYTES);
                X25519.KeyPair etk = X25519.generateKeyPair();
                channel.send(Handshake.RidToRrd.AuthHello.newBuilder()
                        .setResponse(hello.getChallenge())
                        .setChallenge(ByteString.copyFrom(challenge))
                        .setEtk(ByteString.copyFrom(etk.publicKey()))
                        .build().toByteArray());
                Handshake.RrdToRid.Auth answer = Handshake.RrdToRid.Auth.parseFrom(channel.receive(timeout));
                if (!ConstantTime.equals(answer.getResponse().toByteArray(), challenge)) {
                    throw new IOException("the other device did not answer the challenge");
                }
                RendezvousTransportKeys keys = RendezvousTransportKeys.derive(ak, etk.secretKey(),
                        hello.getEtk().toByteArray());
                channel.rekey(keys.ridtk(), keys.rrdtk());
                Nominate.parseFrom(channel.receive(timeout));
                LinkData data = LinkData.parseFrom(channel.receive(timeout));
                return new Linked(data, keys.rph());
            } catch (InvalidProtocolBufferException e) {
                throw new IOException("malformed rendezvous message", e);
            }
        }

        @Override
        public void close() {
            relay.close();
        }
    }

    /**
     * Opens a fresh path on the relay at {@code relayBase} (a {@code ws://} or {@code wss://}
     * base URL) and returns the initiator waiting on it.
     */
    public static Initiator initiate(URI relayBase, Duration timeout) throws IOException {
        RendezvousPath path = RendezvousPath.of(CryptoRandom.bytes(32));
        URI url = URI.create(relayBase.toString().replaceAll("/+$", "") + path.toRequestPath());
        RelayConnection relay = RelayConnection.open(url, timeout);
        RendezvousInit init = RendezvousInit.newBuilder()
                .setVersion(RendezvousInit.Version.VERSION_1_0)
                .setAk(ByteString.copyFrom(CryptoRandom.bytes(RendezvousAuthKeys.AK_BYTES)))
                .setRelayedWebSocket(RendezvousInit.RelayedWebSocket.newBuilder()
                        .setPathId(PATH_ID)
                        .setNetworkCost(RendezvousInit.NetworkCost.NETWORK_COST_UNKNOWN)
                        .setUrl(url.toString()))
                .build();
        return new Initiator(init, relay);
    }

    /**
     * The existing device's side: connects to the path in {@code init}, authenticates, and hands
     * over {@code data}. Returns the rendezvous path hash to compare with the new device's.
     */
    public static byte[] respond(RendezvousInit init, LinkData data, Duration timeout) throws IOException {
        byte[] ak = init.getAk().toByteArray();
        RendezvousAuthKeys auth = RendezvousAuthKeys.derive(ak);
        RelayConnection relay = RelayConnection.open(URI.create(init.getRelayedWebSocket().getUrl()), timeout);
        try (RendezvousChannel channel = new RendezvousChannel(relay, init.getRelayedWebSocket().getPathId(),
                auth.rrdak(), auth.ridak())) {
            byte[] challenge = CryptoRandom.bytes(CHALLENGE_BYTES);
            X25519.KeyPair etk = X25519.generateKeyPair();
            channel.send(Handshake.RrdToRid.Hello.newBuilder()
                    .setChallenge(ByteString.copyFrom(challenge))
                    .setEtk(ByteString.copyFrom(etk.publicKey()))
                    .build().toByteArray());
            Handshake.RidToRrd.AuthHello authHello = Handshake.RidToRrd.AuthHello.parseFrom(channel.receive(timeout));
            if (!ConstantTime.equals(authHello.getResponse().toByteArray(), challenge)) {
                throw new IOException("the new device did not answer the challenge");
            }
            channel.send(Handshake.RrdToRid.Auth.newBuilder().setResponse(authHello.getChallenge())
                    .build().toByteArray());
            RendezvousTransportKeys keys = RendezvousTransportKeys.derive(ak, etk.secretKey(),
                    authHello.getEtk().toByteArray());
            channel.rekey(keys.rrdtk(), keys.ridtk());
            channel.send(Nominate.getDefaultInstance().toByteArray());
            channel.send(data.toByteArray());
            // Wait until the new device has read everything before closing the path.
            try {
                channel.receive(Duration.ofSeconds(5));
            } catch (IOException expectedClose) {
                // The new device closes once it has the data.
            }
            return keys.rph();
        } catch (InvalidProtocolBufferException e) {
            throw new IOException("malformed rendezvous message", e);
        }
    }
}
