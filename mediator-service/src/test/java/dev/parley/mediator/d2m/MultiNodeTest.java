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
import dev.parley.common.d2m.D2mPayloadType;
import dev.parley.common.d2m.Reflected;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Devices of one group spread over two mediator nodes sharing PostgreSQL and Redis. */
class MultiNodeTest {

    private static final AtomicLong DEVICES = new AtomicLong(9000);
    private static MediatorNodes nodes;
    private static URI one;
    private static URI two;

    @BeforeAll
    static void start() {
        nodes = new MediatorNodes(MultiNodeTest.class);
        one = nodes.uri(nodes.start());
        two = nodes.uri(nodes.start());
    }

    @AfterAll
    static void stop() {
        nodes.close();
    }

    private static D2mClient join(URI node, DeviceGroupKeys group, long device) throws Exception {
        return connect(node, group, device, DeviceOptions.newDevice("d" + device));
    }

    private static Envelope text(String s) {
        return Envelope.newBuilder().setOutgoingMessage(ByteString.copyFromUtf8(s)).build();
    }

    @Test
    void reflectionsCrossNodesDurableAndEphemeral() throws Exception {
        DeviceGroupKeys group = newGroup();
        try (D2mClient sender = join(one, group, DEVICES.incrementAndGet());
             D2mClient receiver = join(two, group, DEVICES.incrementAndGet())) {
            receiver.receive(D2mPayloadType.REFLECTION_QUEUE_DRY, WAIT);
            sender.reflect(text("across"), false);
            sender.expect(D2mPayloadType.REFLECT_ACK, WAIT);
            Reflected got = Reflected.decode(receiver.expect(D2mPayloadType.REFLECTED, WAIT).payload());
            assertThat(receiver.open(got).getOutgoingMessage().toStringUtf8()).isEqualTo("across");
            receiver.ackReflected(got);
            sender.reflect(text("typing"), true);
            Reflected ephemeral = Reflected.decode(receiver.expect(D2mPayloadType.REFLECTED, WAIT).payload());
            assertThat(ephemeral.ephemeral()).isTrue();
        }
    }

    @Test
    void exactlyOneLeaderAcrossNodesAndTheOtherTakesOverWhenItLeaves() throws Exception {
        DeviceGroupKeys group = newGroup();
        D2mClient a = join(one, group, DEVICES.incrementAndGet());
        D2mClient b = join(two, group, DEVICES.incrementAndGet());
        boolean aLeads = a.receive(D2mPayloadType.ROLE_PROMOTED_TO_LEADER, Duration.ofSeconds(2)) != null;
        boolean bLeads = b.receive(D2mPayloadType.ROLE_PROMOTED_TO_LEADER, Duration.ofSeconds(2)) != null;
        assertThat(aLeads ^ bLeads).as("exactly one leader").isTrue();
        D2mClient leader = aLeads ? a : b;
        D2mClient follower = aLeads ? b : a;
        leader.close();
        assertThat(follower.receive(D2mPayloadType.ROLE_PROMOTED_TO_LEADER, WAIT)).isNotNull();
        follower.close();
    }

    @Test
    void transactionLockAndDuplicateAndDropWorkAcrossNodes() throws Exception {
        DeviceGroupKeys group = newGroup();
        long bId = DEVICES.incrementAndGet();
        long cId = DEVICES.incrementAndGet();
        try (D2mClient a = join(one, group, DEVICES.incrementAndGet()); D2mClient b = join(two, group, bId)) {
            a.beginTransaction(new byte[] {1}, 0);
            a.expect(D2mPayloadType.BEGIN_TRANSACTION_ACK, WAIT);
            b.beginTransaction(new byte[] {2}, 0);
            assertThat(b.expect(D2mPayloadType.TRANSACTION_REJECTED, WAIT)).isNotNull();
            a.commitTransaction();
            a.expect(D2mPayloadType.COMMIT_TRANSACTION_ACK, WAIT);
            assertThat(b.expect(D2mPayloadType.TRANSACTION_ENDED, WAIT)).isNotNull();

            try (D2mClient bAgain = connect(one, group, bId, DeviceOptions.newDevice("b").existing())) {
                assertThat(b.awaitCloseCode(WAIT)).as("older connection on the other node").isEqualTo(4112);
                try (D2mClient c = join(two, group, cId)) {
                    bAgain.dropDevice(cId);
                    bAgain.expect(D2mPayloadType.DROP_DEVICE_ACK, WAIT);
                    assertThat(c.awaitCloseCode(WAIT)).isEqualTo(4113);
                }
            }
        }
    }
}
