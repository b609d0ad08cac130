package dev.parley.standalone.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.parley.client.csp.CspClient;
import dev.parley.client.d2m.D2mClient;
import dev.parley.client.d2m.DeviceOptions;
import dev.parley.client.directory.DirectoryClient;
import dev.parley.client.directory.IdentityCredentials;
import dev.parley.client.message.TextMessages;
import dev.parley.client.rendezvous.DeviceLinking;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.DeviceGroupKeys;
import dev.parley.common.csp.extension.ClientInfoExtension;
import dev.parley.common.csp.extension.CspDeviceIdExtension;
import dev.parley.common.csp.extension.LoginExtensions;
import dev.parley.common.csp.extension.MessagePayloadVersionExtension;
import dev.parley.common.csp.frame.CspContainer;
import dev.parley.common.csp.payload.CspPayloadType;
import dev.parley.common.csp.payload.MessageStruct;
import dev.parley.common.d2d.proto.Envelope;
import dev.parley.common.d2m.D2mPayloadType;
import dev.parley.common.d2m.Reflected;
import dev.parley.common.d2m.proto.TransactionRejected;
import dev.parley.common.encoding.Hex;
import dev.parley.common.identity.ThreemaId;
import dev.parley.common.link.proto.LinkData;
import dev.parley.standalone.RunningStandalone;
import dev.parley.standalone.StandaloneLauncher;
import dev.parley.standalone.StandaloneSettings;
import dev.parley.standalone.TestNodes;
import dev.parley.standalone.services.ServiceKind;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-device on the whole standalone node, as a user with a phone, a desktop and a laptop
 * would see it: the desktop is linked through the rendezvous relay, the phone leads and talks to
 * another identity through the chat gateway over the mediator's CSP proxy, the other devices get
 * reflections (the laptop catching up after being offline), two devices contend for a
 * transaction, and a device is dropped.
 */
class MultiDeviceEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path dir;

    private static RunningStandalone node;
    private static DirectoryClient directory;
    private static URI mediator;
    private static byte[] chatKey;

    @BeforeAll
    static void start() throws Exception {
        node = StandaloneLauncher.start(StandaloneSettings.from(TestNodes.freePortArguments(dir.resolve("data")), Map.of()));
        directory = new DirectoryClient(URI.create("http://127.0.0.1:" + port(ServiceKind.DIRECTORY) + "/"));
        mediator = URI.create("ws://127.0.0.1:" + port(ServiceKind.MEDIATOR));
        chatKey = Hex.decode(node.keys().chatServerPublicKey());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static int port(ServiceKind kind) {
        return TestNodes.publicPort(node, kind);
    }

    private static LoginExtensions client(long cspDeviceId) {
        return LoginExtensions.of(new ClientInfoExtension("0.1.0;B;en/--;parley-test;java"),
                new MessagePayloadVersionExtension(MessagePayloadVersionExtension.METADATA_FORMAT),
                new CspDeviceIdExtension(cspDeviceId));
    }

    private static Reflected reflected(D2mClient device) throws Exception {
        return Reflected.decode(device.expect(D2mPayloadType.REFLECTED, WAIT).payload());
    }

    @Test
    void linkedDevicesShareOneIdentityThroughTheMediator() throws Exception {
        IdentityCredentials alice = directory.createIdentity();
        IdentityCredentials bob = directory.createIdentity();
        byte[] dgk = CryptoRandom.bytes(32);
        DeviceGroupKeys group = DeviceGroupKeys.derive(dgk);

        try (D2mClient phone = D2mClient.connect(mediator, group, alice.serverGroup(), 1,
                DeviceOptions.newDevice("phone"), WAIT)) {
            assertThat(phone.expect(D2mPayloadType.ROLE_PROMOTED_TO_LEADER, WAIT)).isNotNull();

            // The desktop shows a QR code; the phone scans it and hands over the identity.
            DeviceGroupKeys desktopGroup;
            try (DeviceLinking.Initiator desktopSide = DeviceLinking.initiate(mediator, WAIT)) {
                LinkData handover = LinkData.newBuilder().setIdentity(alice.identity())
                        .setClientKey(ByteString.copyFrom(alice.keys().secretKey()))
                        .setDeviceGroupKey(ByteString.copyFrom(dgk)).setServerGroup(alice.serverGroup()).build();
                CompletableFuture<byte[]> phoneHash = CompletableFuture.supplyAsync(() -> {
                    try {
                        return DeviceLinking.respond(desktopSide.init(), handover, WAIT);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, ParleyCli::ownThread);
                DeviceLinking.Linked linked = desktopSide.awaitLink(WAIT);
                assertThat(linked.pathHash()).isEqualTo(phoneHash.get(20, TimeUnit.SECONDS));
                assertThat(linked.data().getIdentity()).isEqualTo(alice.identity());
                desktopGroup = DeviceGroupKeys.derive(linked.data().getDeviceGroupKey().toByteArray());
            }
            assertThat(desktopGroup.dgid()).isEqualTo(group.dgid());

            try (D2mClient desktop = D2mClient.connect(mediator, desktopGroup, alice.serverGroup(), 2,
                    DeviceOptions.newDevice("desktop"), WAIT)) {
                D2mClient.connect(mediator, group, alice.serverGroup(), 3, DeviceOptions.newDevice("laptop"), WAIT)
                        .close();
                desktop.expect(D2mPayloadType.REFLECTION_QUEUE_DRY, WAIT);

                byte[][] bobsMessage = new byte[1][];
                // The leader's CSP session runs through the mediator to the chat gateway.
                CspClient aliceChat = CspClient.connect(phone.cspTransport(), chatKey, ThreemaId.of(alice.identity()),
                        alice.keys(), client(11), WAIT);
                aliceChat.send(CspPayloadType.UNBLOCK_INCOMING_MESSAGES, new byte[0]);
                try (CspClient bobChat = CspClient.connect(new InetSocketAddress("127.0.0.1", node.cspPort()), chatKey,
                        ThreemaId.of(bob.identity()), bob.keys(), client(22), WAIT)) {
                    bobChat.send(CspPayloadType.UNBLOCK_INCOMING_MESSAGES, new byte[0]);
                    bobChat.sendMessage(TextMessages.text(ThreemaId.of(bob.identity()), bob.keys().secretKey(),
                            ThreemaId.of(alice.identity()), alice.keys().publicKey(), "Bob", "hi Alice"));
                    CspContainer in = aliceChat.receive(CspPayloadType.INCOMING_MESSAGE, WAIT);
                    assertThat(in).as("Bob's message reaches the leader through the proxy").isNotNull();
                    MessageStruct incoming = aliceChat.decodeMessage(in);
                    bobsMessage[0] = in.data();
                    assertThat(TextMessages.open(incoming, alice.keys().secretKey(), bob.keys().publicKey()))
                            .contains("hi Alice");
                    // Reflect first, then ack to the chat server, as the protocol orders it.
                    phone.reflect(Envelope.newBuilder().setIncomingMessage(ByteString.copyFrom(in.data())).build(), false);
                    phone.expect(D2mPayloadType.REFLECT_ACK, WAIT);
                    aliceChat.ackIncoming(incoming);

                    MessageStruct reply = TextMessages.text(ThreemaId.of(alice.identity()), alice.keys().secretKey(),
                            ThreemaId.of(bob.identity()), bob.keys().publicKey(), "Alice", "hi Bob");
                    phone.reflect(Envelope.newBuilder().setOutgoingMessage(ByteString.copyFromUtf8("hi Bob")).build(),
                            false);
                    phone.expect(D2mPayloadType.REFLECT_ACK, WAIT);
                    aliceChat.sendMessage(reply);
                    CspContainer atBob = bobChat.receive(CspPayloadType.INCOMING_MESSAGE, WAIT);
                    assertThat(TextMessages.open(bobChat.decodeMessage(atBob), bob.keys().secretKey(),
                            alice.keys().publicKey())).contains("hi Bob");
                }

                Reflected first = reflected(desktop);
                assertThat(desktop.open(first).getIncomingMessage().toByteArray())
                        .as("the desktop sees Bob's message, opened with the group key it was given")
                        .isEqualTo(bobsMessage[0]);
                desktop.ackReflected(first);
                Reflected second = reflected(desktop);
                assertThat(desktop.open(second).getOutgoingMessage().toStringUtf8()).isEqualTo("hi Bob");
                desktop.ackReflected(second);

                try (D2mClient laptop = D2mClient.connect(mediator, group, alice.serverGroup(), 3,
                        DeviceOptions.newDevice("laptop").existing(), WAIT)) {
                    assertThat(laptop.serverInfo().getReflectionQueueLength()).isEqualTo(2);
                    assertThat(laptop.open(reflected(laptop)).hasIncomingMessage()).isTrue();
                    assertThat(laptop.open(reflected(laptop)).getOutgoingMessage().toStringUtf8()).isEqualTo("hi Bob");

                    desktop.beginTransaction(new byte[] {1}, 10);
                    desktop.expect(D2mPayloadType.BEGIN_TRANSACTION_ACK, WAIT);
                    phone.beginTransaction(new byte[] {1}, 10);
                    TransactionRejected rejected = TransactionRejected.parseFrom(
                            phone.expect(D2mPayloadType.TRANSACTION_REJECTED, WAIT).payload());
                    assertThat(rejected.getDeviceId()).isEqualTo(2);
                    desktop.dropDevice(3);
                    desktop.expect(D2mPayloadType.DROP_DEVICE_ACK, WAIT);
                    desktop.commitTransaction();
                    desktop.expect(D2mPayloadType.COMMIT_TRANSACTION_ACK, WAIT);
                    assertThat(laptop.awaitCloseCode(WAIT)).isEqualTo(4113);
                }
                assertThat(desktop.devicesInfo(WAIT).getAugmentedDeviceInfoMap()).containsOnlyKeys(1L, 2L);
                aliceChat.close();
            }
        }
    }
}
