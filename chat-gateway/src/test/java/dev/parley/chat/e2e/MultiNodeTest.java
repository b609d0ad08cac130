package dev.parley.chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.e2e.ChatPlatform.Identity;
import dev.parley.client.csp.CspClient;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.csp.extension.ClientInfoExtension;
import dev.parley.common.csp.extension.LoginExtensions;
import dev.parley.common.csp.extension.MessagePayloadVersionExtension;
import dev.parley.common.csp.frame.CspContainer;
import dev.parley.common.csp.payload.CspPayloadType;
import dev.parley.common.csp.payload.MessageAck;
import dev.parley.common.csp.payload.MessageStruct;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Two gateway nodes sharing PostgreSQL and Redis, and a node stopped in the middle of a burst. */
class MultiNodeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final LoginExtensions ANDROID = LoginExtensions.of(
            new ClientInfoExtension("5.7;A;de/CH;Pixel 8;14"), new MessagePayloadVersionExtension(0x03));
    private static final AtomicLong IDS = new AtomicLong(5000);

    private static ChatPlatform platform;
    private static ConfigurableApplicationContext one;
    private static ConfigurableApplicationContext two;

    @BeforeAll
    static void start() throws IOException {
        platform = new ChatPlatform(MultiNodeTest.class);
        one = platform.startGateway();
        two = platform.startGateway();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static MessageStruct message(Identity from, Identity to) {
        return new MessageStruct(from.id(), to.id(), IDS.incrementAndGet(), System.currentTimeMillis() / 1000, 0,
                MessageStruct.padNickname(""), new byte[0], CryptoRandom.bytes(24), CryptoRandom.bytes(48));
    }

    @Test
    void aMessageReachesAReceiverOnTheOtherNode() throws Exception {
        Identity alice = platform.createIdentity();
        Identity bob = platform.createIdentity();
        try (CspClient a = platform.login(platform.cspAddress(one), alice, ANDROID);
             CspClient b = platform.login(platform.cspAddress(two), bob, ANDROID)) {
            assertThat(b.receive(CspPayloadType.QUEUE_SEND_COMPLETE, WAIT)).isNotNull();
            MessageStruct sent = message(alice, bob);
            a.sendMessage(sent);
            assertThat(a.receive(CspPayloadType.OUTGOING_MESSAGE_ACK, WAIT)).isNotNull();
            CspContainer incoming = b.receive(CspPayloadType.INCOMING_MESSAGE, WAIT);
            assertThat(incoming).as("delivered through the other node").isNotNull();
            assertThat(b.decodeMessage(incoming).messageBox()).isEqualTo(sent.messageBox());
        }
    }

    @Test
    void aLoginOnOneNodeEndsTheSameDevicesConnectionOnTheOther() throws Exception {
        Identity gina = platform.createIdentity();
        try (CspClient first = platform.login(platform.cspAddress(one), gina, ANDROID)) {
            assertThat(first.receive(CspPayloadType.QUEUE_SEND_COMPLETE, WAIT)).isNotNull();
            try (CspClient second = platform.login(platform.cspAddress(two), gina, ANDROID)) {
                assertThat(ChatPlatform.awaitClose(first, WAIT).closeError().message())
                        .isEqualTo("Another connection for the same identity has been established");
                assertThat(first.closeError().message())
                        .isEqualTo("Another connection for the same identity has been established");
                assertThat(second.receive(CspPayloadType.QUEUE_SEND_COMPLETE, WAIT)).isNotNull();
            }
        }
    }

    @Test
    void nothingAcknowledgedIsLostWhenANodeStopsMidBurst() throws Exception {
        ConfigurableApplicationContext doomed = platform.startGateway();
        Identity alice = platform.createIdentity();
        Identity carol = platform.createIdentity();
        Set<Long> acked = ConcurrentHashMap.newKeySet();
        try (CspClient a = platform.login(platform.cspAddress(doomed), alice, ANDROID)) {
            Thread reader = new Thread(() -> {
                try {
                    for (CspContainer c; (c = a.receive(WAIT)) != null; ) {
                        if (c.type() == CspPayloadType.OUTGOING_MESSAGE_ACK.code()) {
                            acked.add(MessageAck.decode(c.data()).messageId());
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (IOException closed) {
                    // The node has gone: every ack it sent has been read.
                }
            });
            reader.start();
            boolean stopping = false;
            for (int i = 0; i < 20_000; i++) {
                if (!stopping && acked.size() >= 50) {
                    // Stop the node while messages are still in flight.
                    stopping = true;
                    new Thread(() -> platform.stopGateway(doomed)).start();
                }
                try {
                    a.sendMessage(message(alice, carol));
                } catch (IOException closed) {
                    break;
                }
                if (i % 50 == 49) {
                    Thread.sleep(2);
                }
            }
            assertThat(stopping).as("the node was stopped during the burst").isTrue();
            reader.join(30_000);
        }
        assertThat(acked).isNotEmpty();

        Set<Long> received = ConcurrentHashMap.newKeySet();
        try (CspClient c = platform.login(platform.cspAddress(two), carol, ANDROID)) {
            for (CspContainer in; (in = c.receive(WAIT)) != null
                    && in.type() != CspPayloadType.QUEUE_SEND_COMPLETE.code(); ) {
                if (in.type() == CspPayloadType.INCOMING_MESSAGE.code()) {
                    received.add(c.decodeMessage(in).messageId());
                }
            }
        }
        assertThat(received).containsAll(acked);
    }
}
