package dev.parley.mediator.d2m;

import static dev.parley.mediator.d2m.MediatorNodes.WAIT;
import static dev.parley.mediator.d2m.MediatorNodes.connect;
import static dev.parley.mediator.d2m.MediatorNodes.newGroup;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.parley.client.d2m.D2mClient;
import dev.parley.client.d2m.DeviceOptions;
import dev.parley.common.crypto.DeviceGroupKeys;
import dev.parley.common.d2d.proto.Envelope;
import dev.parley.common.d2m.D2mContainer;
import dev.parley.common.d2m.D2mPayloadType;
import dev.parley.common.d2m.ReflectAck;
import dev.parley.common.d2m.Reflected;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Memory bounds per device connection: a device that sends faster than the database stores is
 * read no further until its reflects are stored, and one that stops reading is closed instead of
 * held in memory; in both cases nothing durable is lost.
 */
class BackpressureTest {

    private static final AtomicLong DEVICES = new AtomicLong(5000);
    private static MediatorNodes nodes;

    @BeforeAll
    static void start() {
        nodes = new MediatorNodes(BackpressureTest.class);
        nodes.start("--parley.mediator.reflection.max-pending-bytes=65536",
                "--parley.mediator.devices.max-outbound-bytes=262144");
    }

    @AfterAll
    static void stop() {
        nodes.close();
    }

    private static D2mClient join(DeviceGroupKeys group, long device, boolean existing) throws Exception {
        DeviceOptions options = DeviceOptions.newDevice("device " + device);
        return connect(nodes.uri(), group, device, existing ? options.existing() : options);
    }

    /** A sender, a device that has stopped reading and one that reads, all past their backlog. */
    private record StalledGroup(D2mClient sender, D2mClient hung, D2mClient healthy) implements AutoCloseable {

        static StalledGroup open() throws Exception {
            DeviceGroupKeys group = newGroup();
            StalledGroup g = new StalledGroup(join(group, DEVICES.incrementAndGet(), false),
                    join(group, DEVICES.incrementAndGet(), false), join(group, DEVICES.incrementAndGet(), false));
            g.hung.expect(D2mPayloadType.REFLECTION_QUEUE_DRY, WAIT);
            g.healthy.expect(D2mPayloadType.REFLECTION_QUEUE_DRY, WAIT);
            g.hung.pauseReading();
            return g;
        }

        @Override
        public void close() {
            sender.close();
            hung.close();
            healthy.close();
        }
    }

    /** An envelope of about {@code size} bytes that says which one it is. */
    private static Envelope numbered(int n, int size) {
        return Envelope.newBuilder().setPadding(ByteString.copyFrom(ByteBuffer.allocate(4).putInt(n).array()))
                .setOutgoingMessage(ByteString.copyFrom(new byte[size])).build();
    }

    private static int number(D2mClient client, Reflected reflected) throws Exception {
        return ByteBuffer.wrap(client.open(reflected).getPadding().toByteArray()).getInt();
    }

    @Test
    void aDeviceSendingFasterThanStorageIsHeldBackAndEveryReflectIsStoredInOrder() throws Exception {
        DeviceGroupKeys group = newGroup();
        try (D2mClient sender = join(group, DEVICES.incrementAndGet(), false);
                D2mClient receiver = join(group, DEVICES.incrementAndGet(), false)) {
            receiver.expect(D2mPayloadType.REFLECTION_QUEUE_DRY, WAIT);
            int count = 200;
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                // 200 × 30 KB without waiting for one ack: 90 times what may wait for storage.
                ids.add(sender.reflect(numbered(i, 30_000), false));
            }
            for (int i = 0; i < count; i++) {
                D2mContainer ack = sender.expect(D2mPayloadType.REFLECT_ACK, Duration.ofSeconds(30));
                assertThat(ReflectAck.decode(ack.payload()).reflectId()).as("ack %d", i).isEqualTo(ids.get(i));
            }
            for (int i = 0; i < count; i++) {
                Reflected got = Reflected.decode(receiver.expect(D2mPayloadType.REFLECTED, WAIT).payload());
                assertThat(number(receiver, got)).isEqualTo(i);
                receiver.ackReflected(got);
            }
            assertThat(sender.isClosed()).isFalse();
        }
    }

    @Test
    void aDeviceThatStopsReadingHoldsUpOnlyItsOwnDeliveryAndGetsEverythingWhenItReadsAgain() throws Exception {
        int count = 400;
        try (StalledGroup g = StalledGroup.open()) {
            D2mClient sender = g.sender();
            D2mClient hung = g.hung();
            D2mClient healthy = g.healthy();
            for (int i = 0; i < count; i++) {
                // 400 × 60 KB: far more than the socket buffers and the 256 KiB allowance hold.
                sender.reflect(numbered(i, 60_000), false);
                sender.expect(D2mPayloadType.REFLECT_ACK, WAIT);
                Reflected got = Reflected.decode(healthy.expect(D2mPayloadType.REFLECTED, WAIT).payload());
                assertThat(number(healthy, got)).isEqualTo(i);
                healthy.ackReflected(got);
            }
            hung.resumeReading();
            List<Integer> seen = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Reflected got = Reflected.decode(hung.expect(D2mPayloadType.REFLECTED, WAIT).payload());
                seen.add(number(hung, got));
                hung.ackReflected(got);
            }
            assertThat(seen).as("the stalled device gets every reflection in order once it reads again")
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, count).boxed().toList());
            assertThat(hung.isClosed()).isFalse();
        }
    }

    @Test
    void ephemeralReflectionsToADeviceThatStopsReadingAreDroppedNotHeld() throws Exception {
        int count = 400;
        try (StalledGroup g = StalledGroup.open()) {
            D2mClient sender = g.sender();
            D2mClient hung = g.hung();
            D2mClient healthy = g.healthy();
            for (int i = 0; i < count; i++) {
                sender.reflect(numbered(i, 60_000), true);
                Reflected got = Reflected.decode(healthy.expect(D2mPayloadType.REFLECTED, WAIT).payload());
                assertThat(number(healthy, got)).as("a device that reads gets every one").isEqualTo(i);
            }
            hung.resumeReading();
            int reached = 0;
            for (D2mContainer c = hung.receive(Duration.ofSeconds(2)); c != null; c = hung.receive(Duration.ofSeconds(2))) {
                if (c.type() == D2mPayloadType.REFLECTED.code()) {
                    reached++;
                }
            }
            assertThat(reached).as("what the socket buffers and the allowance held, not all 24 MB").isLessThan(count);
            sender.reflect(numbered(count, 100), false);
            Reflected after = Reflected.decode(hung.expect(D2mPayloadType.REFLECTED, WAIT).payload());
            assertThat(number(hung, after)).as("and it is still connected").isEqualTo(count);
        }
    }
}
