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
import dev.parley.common.d2m.Reflected;
import dev.parley.mediator.session.SessionMetrics;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Reflections a node stores go straight to its caught-up devices, without being read back; a
 * device that falls behind, sits on another node or reconnects reads them from its queue. Either
 * way each device gets every reflection once per connection, in storage order. The window is
 * four unacknowledged reflections, so that a device falls behind as soon as it stops acking.
 */
class DirectDeliveryTest {

    private static final int WINDOW = 4;
    private static final AtomicLong DEVICES = new AtomicLong(12_000);
    private static MediatorNodes nodes;
    private static ConfigurableApplicationContext nodeOne;
    private static URI one;
    private static URI two;

    @BeforeAll
    static void start() {
        nodes = new MediatorNodes(DirectDeliveryTest.class);
        nodeOne = nodes.start("--parley.mediator.reflection.max-in-flight=" + WINDOW);
        one = nodes.uri(nodeOne);
        two = nodes.uri(nodes.start("--parley.mediator.reflection.max-in-flight=" + WINDOW));
    }

    @AfterAll
    static void stop() {
        nodes.close();
    }

    private static D2mClient join(URI node, DeviceGroupKeys group, long device) throws Exception {
        D2mClient client = connect(node, group, device, DeviceOptions.newDevice("d" + device));
        client.expect(D2mPayloadType.REFLECTION_QUEUE_DRY, WAIT);
        return client;
    }

    /** An envelope that says which sender's which reflect it is. */
    private static Envelope numbered(long sender, int n) {
        return Envelope.newBuilder()
                .setPadding(ByteString.copyFrom(ByteBuffer.allocate(12).putLong(sender).putInt(n).array()))
                .setOutgoingMessage(ByteString.copyFromUtf8("message " + n)).build();
    }

    private static int number(D2mClient client, Reflected reflected) throws Exception {
        return ByteBuffer.wrap(client.open(reflected).getPadding().toByteArray()).getInt(8);
    }

    private static long senderOf(D2mClient client, Reflected reflected) throws Exception {
        return ByteBuffer.wrap(client.open(reflected).getPadding().toByteArray()).getLong(0);
    }

    private static Reflected next(D2mClient client) throws Exception {
        return Reflected.decode(client.expect(D2mPayloadType.REFLECTED, WAIT).payload());
    }

    private static void reflectStored(D2mClient sender, int n) throws Exception {
        sender.reflect(numbered(sender.deviceId(), n), false);
        sender.expect(D2mPayloadType.REFLECT_ACK, WAIT);
    }

    private static double direct() {
        return nodeOne.getBean(SessionMetrics.class).deliveredDirectly();
    }

    /** How many node one handed over directly since {@code before}; it counts just after sending. */
    private static double directSince(double before, double expected) throws InterruptedException {
        for (int i = 0; i < 100 && direct() - before < expected; i++) {
            Thread.sleep(20);
        }
        return direct() - before;
    }

    @Test
    void storageOrderHoldsWhileADeviceIsCaughtUpFallsBehindAndCatchesUpAgain() throws Exception {
        DeviceGroupKeys group = newGroup();
        try (D2mClient sender = join(one, group, DEVICES.incrementAndGet());
             D2mClient receiver = join(one, group, DEVICES.incrementAndGet())) {
            List<Integer> seen = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            double directBefore = direct();
            for (int i = 0; i < 5; i++) {
                reflectStored(sender, i);
                Reflected got = next(receiver);
                seen.add(number(receiver, got));
                ids.add(got.reflectedId());
                receiver.ackReflected(got);
            }
            assertThat(directSince(directBefore, 1)).as("a caught-up device gets them as they are stored").isPositive();

            // It stops acking: past the window, the rest waits in its queue.
            for (int i = 5; i < 17; i++) {
                reflectStored(sender, i);
            }
            List<Reflected> held = new ArrayList<>();
            for (int i = 0; i < WINDOW; i++) {
                held.add(next(receiver));
            }
            assertThat(receiver.receive(D2mPayloadType.REFLECTED, Duration.ofMillis(300)))
                    .as("no more than the window unacknowledged").isNull();
            // Reflects while it is behind must queue up behind the backlog, not overtake it.
            for (int i = 17; i < 20; i++) {
                reflectStored(sender, i);
            }
            for (Reflected got : held) {
                seen.add(number(receiver, got));
                ids.add(got.reflectedId());
                receiver.ackReflected(got);
            }
            for (int i = 5 + WINDOW; i < 20; i++) {
                Reflected got = next(receiver);
                seen.add(number(receiver, got));
                ids.add(got.reflectedId());
                receiver.ackReflected(got);
            }

            double directAgain = direct();
            for (int i = 20; i < 25; i++) {
                reflectStored(sender, i);
                Reflected got = next(receiver);
                seen.add(number(receiver, got));
                ids.add(got.reflectedId());
                receiver.ackReflected(got);
            }
            assertThat(directSince(directAgain, 1)).as("caught up again, it gets them directly again").isPositive();
            assertThat(seen).containsExactlyElementsOf(IntStream.range(0, 25).boxed().toList());
            assertThat(ids).as("one reflected ID after the other").containsExactlyElementsOf(
                    IntStream.range(0, 25).mapToObj(i -> ids.get(0) + i).toList());
            assertThat(receiver.receive(D2mPayloadType.REFLECTED, Duration.ofMillis(300))).as("nothing twice").isNull();
        }
    }

    @Test
    void interleavedAcksAndReflectsFromSendersOnBothNodesLoseAndRepeatNothing() throws Exception {
        DeviceGroupKeys group = newGroup();
        int perSender = 300;
        ExecutorService threads = Executors.newCachedThreadPool();
        try (D2mClient senderOne = join(one, group, DEVICES.incrementAndGet());
             D2mClient senderTwo = join(two, group, DEVICES.incrementAndGet());
             D2mClient receiverOne = join(one, group, DEVICES.incrementAndGet());
             D2mClient receiverTwo = join(two, group, DEVICES.incrementAndGet())) {
            List<D2mClient> senders = List.of(senderOne, senderTwo);
            List<Future<Map<Long, List<Integer>>>> received = new ArrayList<>();
            for (D2mClient receiver : List.of(receiverOne, receiverTwo)) {
                received.add(threads.submit(receiveAndAck(receiver, 2 * perSender)));
            }
            List<Future<?>> sending = new ArrayList<>();
            for (D2mClient sender : senders) {
                sending.add(threads.submit(() -> {
                    for (int i = 0; i < perSender; i++) {
                        sender.reflect(numbered(sender.deviceId(), i), false);
                        if (i % 8 == 7) {
                            // Bursts of eight: batches with several rows per receiver, and gaps between them.
                            for (int a = 0; a < 8; a++) {
                                sender.expect(D2mPayloadType.REFLECT_ACK, WAIT);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : sending) {
                f.get(60, TimeUnit.SECONDS);
            }
            for (Future<Map<Long, List<Integer>>> f : received) {
                Map<Long, List<Integer>> bySender = f.get(60, TimeUnit.SECONDS);
                for (D2mClient sender : senders) {
                    assertThat(bySender.get(sender.deviceId())).as("from %d, once each, in order", sender.deviceId())
                            .containsExactlyElementsOf(IntStream.range(0, perSender).boxed().toList());
                }
            }
            for (D2mClient receiver : List.of(receiverOne, receiverTwo)) {
                assertThat(receiver.receive(D2mPayloadType.REFLECTED, Duration.ofMillis(300))).as("nothing twice")
                        .isNull();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Takes {@code count} reflections, acking each, checking that reflected IDs only go up. */
    private static Callable<Map<Long, List<Integer>>> receiveAndAck(D2mClient receiver, int count) {
        return () -> {
            Map<Long, List<Integer>> bySender = new HashMap<>();
            long previousId = -1;
            for (int i = 0; i < count; i++) {
                Reflected got = next(receiver);
                assertThat(got.reflectedId()).as("storage order").isGreaterThan(previousId);
                previousId = got.reflectedId();
                bySender.computeIfAbsent(senderOf(receiver, got), s -> new ArrayList<>()).add(number(receiver, got));
                receiver.ackReflected(got);
            }
            return bySender;
        };
    }

    @Test
    void aDeviceOnAnotherNodeGetsEverythingTheSendersNodeDeliversDirectly() throws Exception {
        DeviceGroupKeys group = newGroup();
        int count = 200;
        try (D2mClient sender = join(one, group, DEVICES.incrementAndGet());
             D2mClient here = join(one, group, DEVICES.incrementAndGet());
             D2mClient there = join(two, group, DEVICES.incrementAndGet())) {
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<Map<Long, List<Integer>>> gotHere = threads.submit(receiveAndAck(here, count));
                Future<Map<Long, List<Integer>>> gotThere = threads.submit(receiveAndAck(there, count));
                for (int i = 0; i < count; i++) {
                    sender.reflect(numbered(sender.deviceId(), i), false);
                }
                for (int i = 0; i < count; i++) {
                    sender.expect(D2mPayloadType.REFLECT_ACK, WAIT);
                }
                List<Integer> all = IntStream.range(0, count).boxed().toList();
                assertThat(gotHere.get(60, TimeUnit.SECONDS).get(sender.deviceId())).containsExactlyElementsOf(all);
                assertThat(gotThere.get(60, TimeUnit.SECONDS).get(sender.deviceId())).containsExactlyElementsOf(all);
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void aReconnectingDeviceGetsWhatItWasHandedDirectlyButDidNotAck() throws Exception {
        DeviceGroupKeys group = newGroup();
        long receiverId = DEVICES.incrementAndGet();
        try (D2mClient sender = join(one, group, DEVICES.incrementAndGet())) {
            D2mClient receiver = join(one, group, receiverId);
            double directBefore = direct();
            List<Reflected> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                reflectStored(sender, i);
                got.add(next(receiver));
            }
            assertThat(directSince(directBefore, 3)).as("handed over directly").isEqualTo(3);
            receiver.ackReflected(got.get(0));
            // The ack is stored with the next batch; give it time before the connection goes.
            Thread.sleep(500);
            receiver.abort();
            try (D2mClient back = connect(one, group, receiverId, DeviceOptions.newDevice("again").existing())) {
                assertThat(back.serverInfo().getReflectionQueueLength()).isEqualTo(2);
                Reflected first = next(back);
                Reflected second = next(back);
                assertThat(List.of(number(back, first), number(back, second))).containsExactly(1, 2);
                assertThat(List.of(first.reflectedId(), second.reflectedId()))
                        .containsExactly(got.get(1).reflectedId(), got.get(2).reflectedId());
                assertThat(back.receive(WAIT).type()).isEqualTo(D2mPayloadType.REFLECTION_QUEUE_DRY.code());
                back.ackReflected(first);
                back.ackReflected(second);
                // And once caught up on the new connection, new ones come directly again.
                double directAgain = direct();
                reflectStored(sender, 3);
                assertThat(number(back, next(back))).isEqualTo(3);
                assertThat(directSince(directAgain, 1)).isEqualTo(1);
            }
        }
    }
}
