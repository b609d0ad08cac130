package dev.parley.mediator.d2m;

import static dev.parley.mediator.d2m.MediatorNodes.WAIT;
import static dev.parley.mediator.d2m.MediatorNodes.connect;
import static dev.parley.mediator.d2m.MediatorNodes.newGroup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.parley.client.d2m.D2mClient;
import dev.parley.client.d2m.D2mClosedException;
import dev.parley.client.d2m.DeviceOptions;
import dev.parley.common.crypto.DeviceGroupKeys;
import dev.parley.common.crypto.SecretBox;
import dev.parley.common.d2d.proto.Envelope;
import dev.parley.common.d2m.D2mContainer;
import dev.parley.common.d2m.D2mPayloadType;
import dev.parley.common.d2m.ReflectAck;
import dev.parley.common.d2m.Reflected;
import dev.parley.common.d2m.ReflectedAck;
import dev.parley.common.d2m.proto.DevicesInfo;
import dev.parley.common.d2m.proto.DropDeviceAck;
import dev.parley.common.d2m.proto.ServerInfo;
import dev.parley.common.d2m.proto.SlotState;
import dev.parley.common.d2m.proto.TransactionEnded;
import dev.parley.common.d2m.proto.TransactionRejected;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** D2M against one mediator node over real WebSockets, with the SDK's D2M client. */
class D2mTest {

    private static final AtomicLong DEVICES = new AtomicLong(1000);
    private static MediatorNodes nodes;

    @BeforeAll
    static void start() {
        nodes = new MediatorNodes(D2mTest.class);
        nodes.start("--parley.mediator.devices.max-slots=3", "--parley.mediator.reflection.max-queue-length=5");
    }

    @AfterAll
    static void stop() {
        nodes.close();
    }

    private static long device() {
        return DEVICES.incrementAndGet();
    }

    private static D2mClient join(DeviceGroupKeys group, long device) throws Exception {
        return connect(nodes.uri(), group, device, DeviceOptions.newDevice("device " + device));
    }

    private static D2mClient rejoin(DeviceGroupKeys group, long device) throws Exception {
        return connect(nodes.uri(), group, device, DeviceOptions.newDevice("device " + device).existing());
    }

    private static Envelope text(String content) {
        return Envelope.newBuilder().setProtocolVersion(2).setOutgoingMessage(ByteString.copyFromUtf8(content)).build();
    }

    private static Reflected nextReflected(D2mClient client) throws Exception {
        D2mContainer c = client.receive(D2mPayloadType.REFLECTED, WAIT);
        assertThat(c).as("a reflected message").isNotNull();
        return Reflected.decode(c.payload());
    }

    @Test
    void handshakeGivesServerInfoThenQueueDryThenLeaderRole() throws Exception {
        DeviceGroupKeys group = newGroup();
        try (D2mClient client = join(group, device())) {
            ServerInfo info = client.serverInfo();
            assertThat(info.getDeviceSlotState()).isEqualTo(SlotState.SLOT_NEW);
            assertThat(info.getMaxDeviceSlots()).isEqualTo(3);
            assertThat(info.getReflectionQueueLength()).isZero();
            assertThat(Math.abs(info.getCurrentTime() - System.currentTimeMillis())).isLessThan(60_000);
            D2mContainer first = client.receive(WAIT);
            D2mContainer second = client.receive(WAIT);
            assertThat(first.type()).isEqualTo(D2mPayloadType.REFLECTION_QUEUE_DRY.code());
            assertThat(second.type()).isEqualTo(D2mPayloadType.ROLE_PROMOTED_TO_LEADER.code());
        }
    }

    @Test
    void aSecondDeviceIsNotLeaderUntilTheLeaderLeaves() throws Exception {
        DeviceGroupKeys group = newGroup();
        try (D2mClient leader = join(group, device()); D2mClient follower = join(group, device())) {
            assertThat(leader.receive(D2mPayloadType.ROLE_PROMOTED_TO_LEADER, WAIT)).isNotNull();
            assertThat(follower.receive(D2mPayloadType.REFLECTION_QUEUE_DRY, WAIT)).isNotNull();
            assertThat(follower.receive(D2mPayloadType.ROLE_PROMOTED_TO_LEADER, Duration.ofMillis(500))).isNull();
            leader.close();
            assertThat(follower.receive(D2mPayloadType.ROLE_PROMOTED_TO_LEADER, WAIT)).isNotNull();
        }
    }

    @Test
    void reflectionsReachTheOtherDevicesAndWaitForOfflineOnes() throws Exception {
        DeviceGroupKeys group = newGroup();
        long a = device();
        long b = device();
        long c = device();
        try (D2mClient sender = join(group, a); D2mClient online = join(group, b)) {
            D2mClient offline = join(group, c);
            offline.close();
            online.receive(D2mPayloadType.REFLECTION_QUEUE_DRY, WAIT);

            long id = sender.reflect(text("hello"), false);
            ReflectAck ack = ReflectAck.decode(sender.expect(D2mPayloadType.REFLECT_ACK, WAIT).payload());
            assertThat(ack.reflectId()).isEqualTo(id);
            assertThat(Math.abs(ack.timestamp() - System.currentTimeMillis())).isLessThan(60_000);

            Reflected got = nextReflected(online);
            assertThat(got.timestamp()).isEqualTo(ack.timestamp());
            Envelope opened = online.open(got);
            assertThat(opened.getOutgoingMessage().toStringUtf8()).isEqualTo("hello");
            assertThat(opened.getDeviceId()).isEqualTo(a);
            online.ackReflected(got);
            assertThat(sender.receive(D2mPayloadType.REFLECTED, Duration.ofMillis(300)))
                    .as("the sender gets no copy").isNull();

            for (String s : List.of("two", "three")) {
                sender.reflect(text(s), false);
                sender.expect(D2mPayloadType.REFLECT_ACK, WAIT);
            }
            try (D2mClient back = rejoin(group, c)) {
                assertThat(back.serverInfo().getDeviceSlotState()).isEqualTo(SlotState.SLOT_EXISTING);
                assertThat(back.serverInfo().getReflectionQueueLength()).isEqualTo(3);
                List<String> texts = new ArrayList<>();
                long previousId = -1;
                for (int i = 0; i < 3; i++) {
                    Reflected r = nextReflected(back);
                    assertThat(r.reflectedId()).isGreaterThan(previousId);
                    previousId = r.reflectedId();
                    texts.add(back.open(r).getOutgoingMessage().toStringUtf8());
                    back.ackReflected(r);
                }
                assertThat(texts).containsExactly("hello", "two", "three");
                assertThat(back.receive(WAIT).type()).isEqualTo(D2mPayloadType.REFLECTION_QUEUE_DRY.code());
            }
            Thread.sleep(500);
            try (D2mClient again = rejoin(group, c)) {
                assertThat(again.serverInfo().getReflectionQueueLength()).as("acked ones are gone").isZero();
            }
        }
    }

    @Test
    void unacknowledgedReflectionsComeAgainOnTheNextConnection() throws Exception {
        DeviceGroupKeys group = newGroup();
        long b = device();
        try (D2mClient sender = join(group, device())) {
            D2mClient receiver = join(group, b);
            receiver.receive(D2mPayloadType.REFLECTION_QUEUE_DRY, WAIT);
            sender.reflect(text("keep me"), false);
            sender.expect(D2mPayloadType.REFLECT_ACK, WAIT);
            nextReflected(receiver);
            receiver.abort();
            try (D2mClient back = rejoin(group, b)) {
                assertThat(back.open(nextReflected(back)).getOutgoingMessage().toStringUtf8()).isEqualTo("keep me");
            }
        }
    }

    @Test
    void ephemeralReflectionsReachOnlyConnectedDevicesWithoutAck() throws Exception {
        DeviceGroupKeys group = newGroup();
        long offlineDevice = device();
        try (D2mClient sender = join(group, device()); D2mClient online = join(group, device())) {
            join(group, offlineDevice).close();
            online.receive(D2mPayloadType.REFLECTION_QUEUE_DRY, WAIT);
            sender.reflect(text("typing"), true);
            Reflected got = nextReflected(online);
            assertThat(got.ephemeral()).isTrue();
            assertThat(online.open(got).getOutgoingMessage().toStringUtf8()).isEqualTo("typing");
            assertThat(sender.receive(D2mPayloadType.REFLECT_ACK, Duration.ofMillis(500))).isNull();
            try (D2mClient back = rejoin(group, offlineDevice)) {
                assertThat(back.serverInfo().getReflectionQueueLength()).isZero();
            }
        }
    }

    @Test
    void aSecondConnectionOfTheSameDeviceClosesTheFirstWith4112() throws Exception {
        DeviceGroupKeys group = newGroup();
        long d = device();
        try (D2mClient first = join(group, d); D2mClient second = rejoin(group, d)) {
            assertThat(first.awaitCloseCode(WAIT)).isEqualTo(4112);
            assertThat(second.isClosed()).isFalse();
        }
    }

    @Test
    void aReplacedConnectionDoesNotTakeAVolatileSlotWithIt() throws Exception {
        DeviceGroupKeys group = newGroup();
        long d = device();
        DeviceOptions volatileSlot = new DeviceOptions(false, false, false, "browser");
        try (D2mClient first = connect(nodes.uri(), group, d, volatileSlot)) {
            D2mClient second = connect(nodes.uri(), group, d, volatileSlot.existing());
            assertThat(first.awaitCloseCode(WAIT)).isEqualTo(4112);
            Thread.sleep(300);
            assertThat(second.devicesInfo(WAIT).getAugmentedDeviceInfoMap()).containsKey(d);
            second.close();
        }
        Thread.sleep(300);
        assertThatThrownBy(() -> connect(nodes.uri(), group, d, volatileSlot.existing()))
                .as("a volatile slot ends with its last connection")
                .isInstanceOfSatisfying(D2mClosedException.class, e -> assertThat(e.code()).isEqualTo(4115));
    }

    @Test
    void slotStateMismatchAndVersionAndBadResponseAreRefused() throws Exception {
        DeviceGroupKeys group = newGroup();
        assertThatThrownBy(() -> rejoin(group, device()))
                .isInstanceOfSatisfying(D2mClosedException.class, e -> assertThat(e.code()).isEqualTo(4115));
        DeviceGroupKeys impostor = DeviceGroupKeys.derive(new byte[32]);
        // The right DGID in the path, a response made with another group's key.
        DeviceGroupKeys forged = new DeviceGroupKeys(impostor.dgpk(), group.dgid(), group.dgrk(), group.dgdik(),
                group.dgsddk(), group.dgtsk());
        assertThatThrownBy(() -> join(forged, device()))
                .isInstanceOfSatisfying(D2mClosedException.class, e -> assertThat(e.code()).isEqualTo(4010));
    }

    @Test
    void aFullGroupRefusesOrDropsTheLeastRecentDevice() throws Exception {
        DeviceGroupKeys group = newGroup();
        long oldest = device();
        join(group, oldest).close();
        Thread.sleep(50);
        try (D2mClient two = join(group, device()); D2mClient three = join(group, device())) {
            assertThatThrownBy(() -> join(group, device()))
                    .isInstanceOfSatisfying(D2mClosedException.class, e -> assertThat(e.code()).isEqualTo(4111));
            try (D2mClient four = connect(nodes.uri(), group, device(),
                    new DeviceOptions(false, true, true, "four"))) {
                DevicesInfo info = four.devicesInfo(WAIT);
                assertThat(info.getAugmentedDeviceInfoMap()).hasSize(3).doesNotContainKey(oldest);
            }
        }
    }

    @Test
    void devicesInfoShowsEveryDeviceWithItsLabelAndConnectionState() throws Exception {
        DeviceGroupKeys group = newGroup();
        long away = device();
        join(group, away).close();
        long here = device();
        try (D2mClient client = join(group, here)) {
            Thread.sleep(300);
            DevicesInfo info = client.devicesInfo(WAIT);
            DevicesInfo.AugmentedDeviceInfo mine = info.getAugmentedDeviceInfoOrThrow(here);
            assertThat(client.openDeviceInfo(mine.getEncryptedDeviceInfo()).getLabel()).isEqualTo("device " + here);
            assertThat(mine.getConnectedSince()).isPositive();
            DevicesInfo.AugmentedDeviceInfo other = info.getAugmentedDeviceInfoOrThrow(away);
            assertThat(other.getLastDisconnectAt()).isPositive();
            assertThat(client.openDeviceInfo(other.getEncryptedDeviceInfo()).getLabel()).isEqualTo("device " + away);
        }
    }

    @Test
    void sharedDeviceDataComesBackInServerInfo() throws Exception {
        DeviceGroupKeys group = newGroup();
        long d = device();
        try (D2mClient client = join(group, d)) {
            client.setSharedDeviceData(new byte[] {7, 7});
            Thread.sleep(300);
        }
        try (D2mClient client = rejoin(group, d)) {
            byte[] sealed = client.serverInfo().getEncryptedSharedDeviceData().toByteArray();
            byte[] plain = SecretBox.open(group.dgsddk(), Arrays.copyOf(sealed, 24),
                    Arrays.copyOfRange(sealed, 24, sealed.length));
            assertThat(plain).containsExactly(7, 7);
        }
    }

    @Test
    void aTransactionHoldsOtherDevicesOffAndReleasesItsReflectsAtCommit() throws Exception {
        DeviceGroupKeys group = newGroup();
        long holderId = device();
        try (D2mClient holder = join(group, holderId); D2mClient other = join(group, device())) {
            other.receive(D2mPayloadType.REFLECTION_QUEUE_DRY, WAIT);
            holder.beginTransaction(new byte[] {1}, 0);
            holder.expect(D2mPayloadType.BEGIN_TRANSACTION_ACK, WAIT);

            other.beginTransaction(new byte[] {4}, 0);
            TransactionRejected rejected = TransactionRejected.parseFrom(
                    other.expect(D2mPayloadType.TRANSACTION_REJECTED, WAIT).payload());
            assertThat(rejected.getDeviceId()).isEqualTo(holderId);
            byte[] scope = rejected.getEncryptedScope().toByteArray();
            assertThat(SecretBox.open(group.dgtsk(), Arrays.copyOf(scope, 24), Arrays.copyOfRange(scope, 24,
                    scope.length))).containsExactly(1);

            holder.reflect(text("in transaction"), false);
            holder.expect(D2mPayloadType.REFLECT_ACK, WAIT);
            assertThat(other.receive(D2mPayloadType.REFLECTED, Duration.ofMillis(500))).as("not before commit").isNull();
            holder.commitTransaction();
            holder.expect(D2mPayloadType.COMMIT_TRANSACTION_ACK, WAIT);
            List<Integer> seen = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                D2mContainer c = other.receive(WAIT);
                seen.add(c.type());
                if (c.type() == D2mPayloadType.TRANSACTION_ENDED.code()) {
                    assertThat(TransactionEnded.parseFrom(c.payload()).getDeviceId()).isEqualTo(holderId);
                } else {
                    assertThat(other.open(Reflected.decode(c.payload())).getOutgoingMessage().toStringUtf8())
                            .isEqualTo("in transaction");
                }
            }
            assertThat(seen).containsExactlyInAnyOrder(D2mPayloadType.REFLECTED.code(),
                    D2mPayloadType.TRANSACTION_ENDED.code());
            other.beginTransaction(new byte[] {4}, 0);
            other.expect(D2mPayloadType.BEGIN_TRANSACTION_ACK, WAIT);
        }
    }

    @Test
    void anAbandonedTransactionDropsItsReflectsAndFreesTheLock() throws Exception {
        DeviceGroupKeys group = newGroup();
        try (D2mClient other = join(group, device())) {
            D2mClient holder = join(group, device());
            holder.receive(D2mPayloadType.REFLECTION_QUEUE_DRY, WAIT);
            holder.beginTransaction(new byte[] {2}, 0);
            holder.expect(D2mPayloadType.BEGIN_TRANSACTION_ACK, WAIT);
            holder.reflect(text("never committed"), false);
            holder.expect(D2mPayloadType.REFLECT_ACK, WAIT);
            holder.close();
            assertThat(other.expect(D2mPayloadType.TRANSACTION_ENDED, WAIT)).isNotNull();
            assertThat(other.receive(D2mPayloadType.REFLECTED, Duration.ofMillis(300))).isNull();
            other.beginTransaction(new byte[] {3}, 0);
            other.expect(D2mPayloadType.BEGIN_TRANSACTION_ACK, WAIT);
        }
    }

    @Test
    void aTransactionPastItsTtlClosesTheHolderWith4011() throws Exception {
        try (D2mClient holder = join(newGroup(), device())) {
            holder.beginTransaction(new byte[] {1}, 1);
            holder.expect(D2mPayloadType.BEGIN_TRANSACTION_ACK, WAIT);
            assertThat(holder.awaitCloseCode(WAIT)).isEqualTo(4011);
        }
    }

    @Test
    void aDroppedDeviceIsClosedWith4113AndLosesItsSlot() throws Exception {
        DeviceGroupKeys group = newGroup();
        long victim = device();
        try (D2mClient admin = join(group, device()); D2mClient dropped = join(group, victim)) {
            admin.dropDevice(victim);
            DropDeviceAck ack = DropDeviceAck.parseFrom(admin.expect(D2mPayloadType.DROP_DEVICE_ACK, WAIT).payload());
            assertThat(ack.getDeviceId()).isEqualTo(victim);
            assertThat(dropped.awaitCloseCode(WAIT)).isEqualTo(4113);
            assertThat(admin.devicesInfo(WAIT).getAugmentedDeviceInfoMap()).doesNotContainKey(victim);
        }
        assertThatThrownBy(() -> rejoin(group, victim))
                .isInstanceOfSatisfying(D2mClosedException.class, e -> assertThat(e.code()).isEqualTo(4115));
    }

    @Test
    void aFullQueueClosesItsDeviceWith4114AndNothingElseIsLost() throws Exception {
        DeviceGroupKeys group = newGroup();
        long slow = device();
        try (D2mClient sender = join(group, device()); D2mClient fine = join(group, device())) {
            join(group, slow).close();
            for (int i = 0; i < 7; i++) {
                sender.reflect(text("n" + i), false);
                sender.expect(D2mPayloadType.REFLECT_ACK, WAIT);
                fine.ackReflected(nextReflected(fine));
            }
        }
        assertThatThrownBy(() -> rejoin(group, slow))
                .isInstanceOfSatisfying(D2mClosedException.class, e -> assertThat(e.code()).isEqualTo(4114));
    }

    @Test
    void badInputGetsTheProtocolsCloseCodes() throws Exception {
        try (D2mClient client = join(newGroup(), device())) {
            client.send(D2mPayloadType.REFLECTED_ACK, new ReflectedAck(12345).encode());
            assertThat(client.awaitCloseCode(WAIT)).as("unknown ack").isEqualTo(4012);
        }
        try (D2mClient client = join(newGroup(), device())) {
            client.sendRaw(new byte[] {(byte) 0x80, 0, 1, 0, 8, 0, 0, 0, 1, 0, 0, 0});
            assertThat(client.awaitCloseCode(WAIT)).as("reserved bytes").isEqualTo(4010);
        }
        try (D2mClient client = join(newGroup(), device())) {
            client.send(D2mPayloadType.SERVER_INFO, new byte[0]);
            assertThat(client.awaitCloseCode(WAIT)).as("a server-only type").isEqualTo(4010);
        }
        try (D2mClient client = join(newGroup(), device())) {
            client.sendRaw(new byte[] {0x5f, 0, 0, 0});
            assertThat(client.awaitCloseCode(WAIT)).as("unknown type").isEqualTo(4010);
        }
        try (D2mClient client = join(newGroup(), device())) {
            client.sendRaw(new byte[70_000]);
            assertThat(client.awaitCloseCode(WAIT)).as("oversize").isEqualTo(4010);
        }
        try (D2mClient client = join(newGroup(), device())) {
            client.send(D2mPayloadType.REFLECT, new byte[] {4, 0, 0, 0});
            assertThat(client.awaitCloseCode(WAIT)).as("short reflect header").isEqualTo(4010);
        }
        try (D2mClient healthy = join(newGroup(), device())) {
            assertThat(healthy.devicesInfo(WAIT).getAugmentedDeviceInfoCount()).isPositive();
        }
    }
}
