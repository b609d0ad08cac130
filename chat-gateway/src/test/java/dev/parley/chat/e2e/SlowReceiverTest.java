package dev.parley.chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.csp.CspClient;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.csp.extension.ClientInfoExtension;
import dev.parley.common.csp.extension.LoginExtensions;
import dev.parley.common.csp.extension.MessagePayloadVersionExtension;
import dev.parley.common.csp.frame.CspContainer;
import dev.parley.common.csp.payload.CspPayloadType;
import dev.parley.common.csp.payload.MessageStruct;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading is not buffered without bound: once its connection is backlogged,
 * messages for it go to its queue, and the queue is read only as fast as it takes them.
 */
class SlowReceiverTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final LoginExtensions ANDROID = LoginExtensions.of(
            new ClientInfoExtension("5.7;A;de/CH;Pixel 8;14"), new MessagePayloadVersionExtension(0x03));
    private static final AtomicLong IDS = new AtomicLong(50_000);

    private static ChatPlatform platform;

    @BeforeAll
    static void start() throws IOException {
        platform = new ChatPlatform(SlowReceiverTest.class);
        platform.startGateway("--parley.chat.messages.delivery-batch=50");
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static MessageStruct big(ChatPlatform.Identity from, ChatPlatform.Identity to) {
        return new MessageStruct(from.id(), to.id(), IDS.incrementAndGet(), System.currentTimeMillis() / 1000, 0,
                MessageStruct.padNickname("Alice"), CryptoRandom.bytes(40), CryptoRandom.bytes(24), CryptoRandom.bytes(7000));
    }

    private static double deferred() {
        return platform.gateway(0).getBean(MeterRegistry.class).counter("parley.chat.messages.deferred").count();
    }

    @Test
    void aReceiverThatStopsReadingIsServedFromItsQueueAtItsOwnPaceAndLosesNothing() throws Exception {
        ChatPlatform.Identity alice = platform.createIdentity();
        ChatPlatform.Identity bob = platform.createIdentity();
        int count = 2000;
        Set<Long> sent = new HashSet<>();
        try (CspClient a = platform.login(alice, ANDROID); CspClient b = platform.login(bob, ANDROID)) {
            assertThat(a.receive(CspPayloadType.QUEUE_SEND_COMPLETE, WAIT)).isNotNull();
            assertThat(b.receive(CspPayloadType.QUEUE_SEND_COMPLETE, WAIT)).isNotNull();
            double deferredBefore = deferred();
            b.pauseReading();
            for (int i = 0; i < count; i++) {
                // 2000 × 7 KB: more than the socket buffers and the connection's 1 MiB allowance.
                MessageStruct m = big(alice, bob);
                sent.add(m.messageId());
                a.sendMessage(m);
            }
            for (int i = 0; i < count; i++) {
                assertThat(a.receive(CspPayloadType.OUTGOING_MESSAGE_ACK, WAIT)).as("ack %d", i).isNotNull();
            }
            assertThat(deferred() - deferredBefore).as("messages left to the queue of the backlogged receiver")
                    .isPositive();

            b.resumeReading();
            Set<Long> received = new HashSet<>();
            while (received.size() < count) {
                CspContainer c = b.receive(CspPayloadType.INCOMING_MESSAGE, WAIT);
                assertThat(c).as("message %d of %d", received.size() + 1, count).isNotNull();
                MessageStruct m = b.decodeMessage(c);
                received.add(m.messageId());
                b.ackIncoming(m);
            }
            assertThat(received).isEqualTo(sent);
        }
    }
}
