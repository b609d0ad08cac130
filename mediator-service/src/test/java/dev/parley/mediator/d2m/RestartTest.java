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
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Reflection queues live in PostgreSQL: a stopped and replaced mediator loses none of them. */
class RestartTest {

    @Test
    void aQueueOutlivesTheNodeThatStoredIt() throws Exception {
        try (MediatorNodes nodes = new MediatorNodes(RestartTest.class)) {
            ConfigurableApplicationContext first = nodes.start();
            DeviceGroupKeys group = newGroup();
            connect(nodes.uri(first), group, 1, DeviceOptions.newDevice("away")).close();
            try (D2mClient sender = connect(nodes.uri(first), group, 2, DeviceOptions.newDevice("sender"))) {
                sender.reflect(Envelope.newBuilder()
                        .setOutgoingMessage(ByteString.copyFromUtf8("stored before the restart")).build(), false);
                sender.expect(D2mPayloadType.REFLECT_ACK, WAIT);
            }
            nodes.stop(first);
            ConfigurableApplicationContext second = nodes.start();
            try (D2mClient back = connect(nodes.uri(second), group, 1, DeviceOptions.newDevice("away").existing())) {
                assertThat(back.serverInfo().getReflectionQueueLength()).isEqualTo(1);
                Reflected got = Reflected.decode(back.expect(D2mPayloadType.REFLECTED, WAIT).payload());
                assertThat(back.open(got).getOutgoingMessage().toStringUtf8()).isEqualTo("stored before the restart");
            }
        }
    }
}
