package dev.parley.common.d2m;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import dev.parley.common.d2d.proto.DeviceInfo;
import dev.parley.common.d2d.proto.Envelope;
import dev.parley.common.d2d.proto.SharedDeviceData;
import dev.parley.common.d2d.proto.TransactionScope;
import dev.parley.common.d2m.proto.ClientHello;
import dev.parley.common.d2m.proto.DevicesInfo;
import dev.parley.common.d2m.proto.ServerInfo;
import dev.parley.common.d2m.proto.SlotExpirationPolicy;
import dev.parley.common.d2m.proto.SlotState;
import dev.parley.common.d2m.proto.SlotsExhaustedPolicy;
import dev.parley.common.encoding.Hex;
import dev.parley.common.rendezvous.proto.Handshake;
import dev.parley.common.rendezvous.proto.Nominate;
import dev.parley.common.rendezvous.proto.RendezvousInit;
import org.junit.jupiter.api.Test;

/**
 * Pins the field numbers and wire types of our .proto files to PROTOCOLS.md §6.2a by comparing
 * encodings with hand-computed bytes: a renumbered or retyped field changes the tag byte.
 */
class ProtoWireTest {

    private static String hex(MessageLite m) {
        return Hex.encode(m.toByteArray());
    }

    @Test
    void d2mClientHello() {
        ClientHello hello = ClientHello.newBuilder().setVersion(0).setResponse(ByteString.copyFrom(
                new byte[] {1})).setDeviceId(2).setDeviceSlotsExhaustedPolicy(
                SlotsExhaustedPolicy.SLOTS_DROP_LEAST_RECENT).setDeviceSlotExpirationPolicy(
                SlotExpirationPolicy.SLOT_PERSISTENT).setEncryptedDeviceInfo(ByteString.copyFrom(
                new byte[] {3})).setExpectedDeviceSlotState(SlotState.SLOT_EXISTING).build();
        assertThat(hex(hello)).isEqualTo(
                "120101" + "190200000000000000" + "2001" + "2801" + "320103" + "3801");
    }

    @Test
    void d2mServerInfoAndDevicesInfo() {
        ServerInfo info = ServerInfo.newBuilder().setMaxDeviceSlots(4)
                .setDeviceSlotState(SlotState.SLOT_EXISTING).setCurrentTime(5)
                .setReflectionQueueLength(6).build();
        assertThat(hex(info)).isEqualTo("0804" + "1001" + "2005" + "2806");
        DevicesInfo devices = DevicesInfo.newBuilder().putAugmentedDeviceInfo(1,
                DevicesInfo.AugmentedDeviceInfo.newBuilder().setLastDisconnectAt(7)
                        .setDeviceSlotExpirationPolicy(SlotExpirationPolicy.SLOT_PERSISTENT)
                        .build()).build();
        assertThat(hex(devices)).isEqualTo("0a0f" + "090100000000000000" + "1204" + "1801" + "2007");
    }

    @Test
    void d2dMessages() {
        DeviceInfo device = DeviceInfo.newBuilder().setPadding(ByteString.copyFrom(new byte[1]))
                .setPlatform(DeviceInfo.Platform.PLATFORM_DESKTOP).setPlatformDetails("a")
                .setAppVersion("b").setLabel("c").build();
        assertThat(hex(device)).isEqualTo("0a0100" + "1003" + "1a0161" + "220162" + "2a0163");
        assertThat(hex(SharedDeviceData.newBuilder().setVersion(9).build())).isEqualTo("1009");
        assertThat(hex(TransactionScope.newBuilder()
                .setScope(TransactionScope.Scope.SCOPE_WORK_SYNC_DELTA).build())).isEqualTo("0808");
        Envelope envelope = Envelope.newBuilder().setDeviceId(1).setProtocolVersion(3)
                .setOutgoingMessage(ByteString.copyFrom(new byte[] {0x08, 0x01})).build();
        assertThat(hex(envelope)).isEqualTo("12020801" + "1803" + "690100000000000000");
        assertThat(hex(Envelope.newBuilder().setMdmParameterSync(ByteString.EMPTY).build()))
                .isEqualTo("6200");
    }

    @Test
    void envelopeKeepsVariantsItDoesNotDeclare() throws Exception {
        byte[] withUnknownVariant = Hex.decode("7a020801"); // field 15, length-delimited
        Envelope parsed = Envelope.parseFrom(withUnknownVariant);
        assertThat(parsed.toByteArray()).isEqualTo(withUnknownVariant);
    }

    @Test
    void rendezvousMessages() {
        RendezvousInit init = RendezvousInit.newBuilder()
                .setAk(ByteString.copyFrom(new byte[] {1}))
                .setRelayedWebSocket(RendezvousInit.RelayedWebSocket.newBuilder().setPathId(2)
                        .setNetworkCost(RendezvousInit.NetworkCost.NETWORK_COST_METERED)
                        .setUrl("u"))
                .setDirectTcpServer(RendezvousInit.DirectTcpServer.newBuilder().setPort(3)
                        .addIpAddresses(RendezvousInit.DirectTcpServer.IpAddress.newBuilder()
                                .setPathId(4).setNetworkCost(
                                        RendezvousInit.NetworkCost.NETWORK_COST_UNMETERED)
                                .setIp("i")))
                .build();
        assertThat(hex(init)).isEqualTo("120101" + "1a07" + "0802" + "1002" + "1a0175"
                + "220b" + "0803" + "1207" + "0804" + "1001" + "1a0169");
        assertThat(hex(Handshake.RrdToRid.Hello.newBuilder()
                .setChallenge(ByteString.copyFrom(new byte[] {1}))
                .setEtk(ByteString.copyFrom(new byte[] {2})).build())).isEqualTo("0a01011201" + "02");
        assertThat(hex(Handshake.RidToRrd.AuthHello.newBuilder()
                .setResponse(ByteString.copyFrom(new byte[] {1}))
                .setChallenge(ByteString.copyFrom(new byte[] {2}))
                .setEtk(ByteString.copyFrom(new byte[] {3})).build()))
                .isEqualTo("0a0101" + "120102" + "1a0103");
        assertThat(hex(Handshake.RrdToRid.Auth.newBuilder()
                .setResponse(ByteString.copyFrom(new byte[] {1})).build())).isEqualTo("0a0101");
        assertThat(Nominate.getDefaultInstance().toByteArray()).isEmpty();
    }
}
