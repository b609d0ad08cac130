package dev.parley.chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.csp.CspClient;
import dev.parley.client.csp.CspClosedException;
import dev.parley.common.csp.extension.ClientInfoExtension;
import dev.parley.common.csp.extension.LoginExtensions;
import dev.parley.common.csp.extension.MessagePayloadVersionExtension;
import dev.parley.common.csp.frame.CspContainer;
import dev.parley.common.csp.payload.CspPayloadType;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Server echo requests (PROTOCOLS.md §5.5) on a gateway with a 4 s idle timeout: a listening
 * client that allows them is asked, stays connected by answering, and is closed when it stops;
 * a client that does not allow them is never asked and is closed when quiet.
 */
class ServerEchoTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** 0x02 = 0x03: metadata format and server echo requests, as Android sends. */
    private static final LoginExtensions ANDROID = LoginExtensions.of(
            new ClientInfoExtension("5.7;A;de/CH;Pixel 8;14"), new MessagePayloadVersionExtension(0x03));
    /** 0x02 = 0x01: metadata format only, as Desktop sends. */
    private static final LoginExtensions DESKTOP = LoginExtensions.of(
            new ClientInfoExtension("2.0;Q;en/US;desktop;linux"), new MessagePayloadVersionExtension(0x01));

    private static ChatPlatform platform;

    @BeforeAll
    static void start() throws IOException {
        platform = new ChatPlatform(ServerEchoTest.class);
        platform.startGateway("--parley.chat.csp.idle-timeout=4s", "--parley.chat.csp.echo-after=1s");
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void aListeningClientThatAnswersEchoRequestsStaysConnected() throws Exception {
        try (CspClient client = platform.login(platform.createIdentity(), ANDROID)) {
            assertThat(client.receive(CspPayloadType.QUEUE_SEND_COMPLETE, WAIT)).isNotNull();
            long until = System.nanoTime() + Duration.ofSeconds(9).toNanos();
            int asked = 0;
            while (System.nanoTime() < until) {
                CspContainer request = client.receive(CspPayloadType.ECHO_REQUEST, WAIT);
                assertThat(request).as("an echo request while quiet").isNotNull();
                assertThat(request.data()).hasSize(12);
                client.send(CspPayloadType.ECHO_RESPONSE, request.data());
                asked++;
            }
            assertThat(asked).as("asked about once a second for 9 s").isGreaterThanOrEqualTo(5);
            assertThat(client.isClosed()).as("more than twice the idle timeout later").isFalse();
        }
    }

    @Test
    void aClientThatStopsAnsweringIsClosedAfterItsIdleTimeout() throws Exception {
        try (CspClient client = platform.login(platform.createIdentity(), ANDROID)) {
            assertThat(client.receive(CspPayloadType.QUEUE_SEND_COMPLETE, WAIT)).isNotNull();
            assertThat(client.receive(CspPayloadType.ECHO_REQUEST, WAIT)).isNotNull();
            long quietSince = System.nanoTime();
            assertThatThrownBy(() -> {
                while (true) {
                    client.receive(Duration.ofSeconds(10));
                }
            }).isInstanceOf(CspClosedException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - quietSince)).isBetween(Duration.ofSeconds(2),
                    Duration.ofSeconds(8));
        }
    }

    @Test
    void aClientThatDoesNotAllowEchoRequestsIsNeverAskedAndClosedWhenQuiet() throws Exception {
        try (CspClient client = platform.login(platform.createIdentity(), DESKTOP)) {
            assertThat(client.receive(CspPayloadType.QUEUE_SEND_COMPLETE, WAIT)).isNotNull();
            assertThatThrownBy(() -> {
                while (true) {
                    CspContainer next = client.receive(Duration.ofSeconds(10));
                    assertThat(next).isNotNull();
                    assertThat(next.type()).as("no echo request").isNotEqualTo(CspPayloadType.ECHO_REQUEST.code());
                }
            }).isInstanceOf(CspClosedException.class);
        }
    }
}
