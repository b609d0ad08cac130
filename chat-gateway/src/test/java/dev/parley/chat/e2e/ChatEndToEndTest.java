package dev.parley.chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.chat.e2e.ChatPlatform.Identity;
import dev.parley.client.csp.CspClient;
import dev.parley.client.csp.CspClosedException;
import dev.parley.client.csp.CspLoginException;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.X25519;
import dev.parley.common.csp.extension.ClientInfoExtension;
import dev.parley.common.csp.extension.CspDeviceIdExtension;
import dev.parley.common.csp.extension.LoginExtensions;
import dev.parley.common.csp.extension.MessagePayloadVersionExtension;
import dev.parley.common.csp.frame.CspContainer;
import dev.parley.common.csp.payload.CloseError;
import dev.parley.common.csp.payload.CspPayloadType;
import dev.parley.common.csp.payload.MessageAck;
import dev.parley.common.csp.payload.MessageFlags;
import dev.parley.common.csp.payload.MessageStruct;
import dev.parley.common.csp.payload.PushToken;
import dev.parley.common.csp.payload.PushTokenType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Two identities and the chat server, end to end through the SDK's CSP client over real sockets. */
class ChatEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Android's extensions: client info, and 0x02 as the bitmask 0x03 (metadata format + echo requests). */
    private static final LoginExtensions ANDROID = LoginExtensions.of(
            new ClientInfoExtension("5.7;A;de/CH;Pixel 8;14"), new MessagePayloadVersionExtension(0x03));
    private static final LoginExtensions LEGACY = LoginExtensions.of(new ClientInfoExtension("4.0;I;en/US;iPhone;17"));
    private static final AtomicLong IDS = new AtomicLong(1000);
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private static ChatPlatform platform;
    private static RecordingPushRelay relay;

    @BeforeAll
    static void start() throws IOException {
        relay = new RecordingPushRelay();
        platform = new ChatPlatform(ChatEndToEndTest.class);
        platform.startGateway("--parley.chat.csp.extra-ports=0", "--parley.chat.push.relay-url=" + relay.url(),
                "--parley.chat.push.api-secret=" + ChatPlatform.SECRET);
    }

    @AfterAll
    static void stop() {
        platform.close();
        relay.close();
    }

    private static MessageStruct message(Identity from, Identity to, int flags) {
        return new MessageStruct(from.id(), to.id(), IDS.incrementAndGet(), System.currentTimeMillis() / 1000, flags,
                MessageStruct.padNickname("Alice"), CryptoRandom.bytes(40), CryptoRandom.bytes(24), CryptoRandom.bytes(100));
    }

    private static long queuedFor(Identity who) {
        return JdbcClient.create(platform.gateway(0).getBean(javax.sql.DataSource.class))
                .sql("SELECT count(*) FROM messages WHERE receiver = ?").param(who.id().toString())
                .query(Long.class).single();
    }

    /** Polls until {@code done} holds or {@link #WAIT} has passed; the caller asserts what it waited for. */
    private static void awaitUntil(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static void awaitQueued(Identity who, long expected) throws InterruptedException {
        awaitUntil(() -> queuedFor(who) == expected);
        assertThat(queuedFor(who)).isEqualTo(expected);
    }

    @Test
    void onlinePairExchangesWithoutTouchingTheDatabase() throws Exception {
        Identity alice = platform.createIdentity();
        Identity bob = platform.createIdentity();
        try (CspClient a = platform.login(alice, ANDROID); CspClient b = platform.login(bob, ANDROID)) {
            assertThat(a.receive(CspPayloadType.QUEUE_SEND_COMPLETE, WAIT)).isNotNull();
            assertThat(b.receive(CspPayloadType.QUEUE_SEND_COMPLETE, WAIT)).isNotNull();
            MessageStruct sent = message(alice, bob, MessageFlags.SEND_PUSH);
            a.sendMessage(sent);

            CspContainer incoming = b.receive(CspPayloadType.INCOMING_MESSAGE, WAIT);
            MessageStruct received = b.decodeMessage(incoming);
            assertThat(received.messageId()).isEqualTo(sent.messageId());
            assertThat(received.sender()).isEqualTo(alice.id());
            assertThat(received.messageBox()).isEqualTo(sent.messageBox());
            assertThat(received.metadata()).isEqualTo(sent.metadata());
            // Fast path: nothing stored, and the sender's ack follows the receiver's.
            assertThat(queuedFor(bob)).isZero();
            assertThat(a.receive(Duration.ofMillis(200))).isNull();

            b.ackIncoming(received);
            CspContainer ack = a.receive(CspPayloadType.OUTGOING_MESSAGE_ACK, WAIT);
            assertThat(MessageAck.decode(ack.data())).isEqualTo(new MessageAck(bob.id(), sent.messageId()));
            assertThat(queuedFor(bob)).isZero();
        }
    }

    @Test
    void anOnlineReceiverThatDoesNotAckGetsTheMessageStored() throws Exception {
        Identity alice = platform.createIdentity();
        Identity mute = platform.createIdentity();
        try (CspClient a = platform.login(alice, ANDROID); CspClient m = platform.login(mute, ANDROID)) {
            assertThat(m.receive(CspPayloadType.QUEUE_SEND_COMPLETE, WAIT)).isNotNull();
            MessageStruct sent = message(alice, mute, 0);
            a.sendMessage(sent);
            assertThat(m.receive(CspPayloadType.INCOMING_MESSAGE, WAIT)).isNotNull();
            // The sender is acknowledged once the message is safe in the queue instead.
            assertThat(a.receive(CspPayloadType.OUTGOING_MESSAGE_ACK, WAIT)).isNotNull();
            assertThat(queuedFor(mute)).isEqualTo(1);
        }
    }

    @Test
    void offlineReceiverGetsTheQueueInOrderThenQueueSendComplete() throws Exception {
        Identity alice = platform.createIdentity();
        Identity carol = platform.createIdentity();
        MessageStruct first = message(alice, carol, 0);
        MessageStruct second = message(alice, carol, 0);
        try (CspClient a = platform.login(alice, ANDROID)) {
            a.sendMessage(first);
            a.sendMessage(second);
            assertThat(a.receive(CspPayloadType.OUTGOING_MESSAGE_ACK, WAIT)).isNotNull();
            assertThat(a.receive(CspPayloadType.OUTGOING_MESSAGE_ACK, WAIT)).isNotNull();
        }
        // Acked means stored: both wait in PostgreSQL.
        assertThat(queuedFor(carol)).isEqualTo(2);

        try (CspClient c = platform.login(carol, ANDROID)) {
            MessageStruct one = c.decodeMessage(c.receive(WAIT));
            MessageStruct two = c.decodeMessage(c.receive(WAIT));
            assertThat(c.receive(WAIT).type()).isEqualTo(CspPayloadType.QUEUE_SEND_COMPLETE.code());
            assertThat(one.messageId()).isEqualTo(first.messageId());
            assertThat(two.messageId()).isEqualTo(second.messageId());
            c.ackIncoming(one);
            awaitQueued(carol, 1);
        }
        // The unacknowledged one comes again on the next login.
        try (CspClient c = platform.login(carol, ANDROID)) {
            MessageStruct again = c.decodeMessage(c.receive(CspPayloadType.INCOMING_MESSAGE, WAIT));
            assertThat(again.messageId()).isEqualTo(second.messageId());
            c.ackIncoming(again);
            awaitQueued(carol, 0);
        }
    }

    @Test
    void noQueuingMessagesToOfflineReceiversAreAckedAndDropped() throws Exception {
        Identity alice = platform.createIdentity();
        Identity dave = platform.createIdentity();
        try (CspClient a = platform.login(alice, ANDROID)) {
            MessageStruct typing = message(alice, dave, MessageFlags.NO_SERVER_QUEUING);
            a.sendMessage(typing);
            assertThat(a.receive(CspPayloadType.OUTGOING_MESSAGE_ACK, WAIT)).isNotNull();
        }
        assertThat(queuedFor(dave)).isZero();
    }

    @Test
    void legacyReceiversGetTheStructWithoutMetadata() throws Exception {
        Identity alice = platform.createIdentity();
        Identity erin = platform.createIdentity();
        try (CspClient a = platform.login(alice, ANDROID); CspClient e = platform.login(erin, LEGACY)) {
            assertThat(e.receive(CspPayloadType.QUEUE_SEND_COMPLETE, WAIT)).isNotNull();
            MessageStruct sent = message(alice, erin, 0);
            a.sendMessage(sent);
            MessageStruct received = e.decodeMessage(e.receive(CspPayloadType.INCOMING_MESSAGE, WAIT));
            assertThat(received.hasMetadata()).isFalse();
            assertThat(received.messageBox()).isEqualTo(sent.messageBox());
            assertThat(received.legacyNickname()).isEqualTo(sent.legacyNickname());
        }
    }

    @Test
    void theExtraPortSpeaksTheSameProtocol() throws Exception {
        Identity alice = platform.createIdentity();
        int extra = platform.gateway(0).getBean(dev.parley.chat.csp.CspServer.class).extraPorts().get(0);
        try (CspClient a = platform.login(new java.net.InetSocketAddress("127.0.0.1", extra), alice, ANDROID)) {
            assertThat(a.receive(CspPayloadType.QUEUE_SEND_COMPLETE, WAIT)).isNotNull();
        }
    }

    private static LoginExtensions withCookie(byte[] cookie) {
        return LoginExtensions.of(new MessagePayloadVersionExtension(0x03),
                new dev.parley.common.csp.extension.DeviceCookieExtension(cookie));
    }

    /** Whether a device-cookie-change-indication arrives within a short while after the login. */
    private static boolean toldOfCookieChange(CspClient client) throws InterruptedException, IOException {
        return client.receive(CspPayloadType.DEVICE_COOKIE_CHANGE_INDICATION, Duration.ofMillis(1500)) != null;
    }

    @Test
    void aDifferentDeviceCookieIsIndicatedUntilTheClientClearsIt() throws Exception {
        Identity nina = platform.createIdentity();
        byte[] mine = CryptoRandom.bytes(16);
        byte[] other = CryptoRandom.bytes(16);
        try (CspClient n = platform.login(nina, withCookie(mine))) {
            assertThat(toldOfCookieChange(n)).isFalse();
        }
        try (CspClient n = platform.login(nina, withCookie(mine))) {
            assertThat(toldOfCookieChange(n)).isFalse();
        }
        try (CspClient intruder = platform.login(nina, withCookie(other))) {
            assertThat(toldOfCookieChange(intruder)).isTrue();
        }
        try (CspClient n = platform.login(nina, withCookie(mine))) {
            assertThat(toldOfCookieChange(n)).as("until cleared, every login is told").isTrue();
            n.send(CspPayloadType.CLEAR_DEVICE_COOKIE_CHANGE_INDICATION, new byte[0]);
            n.send(CspPayloadType.ECHO_REQUEST, new byte[12]);
            assertThat(n.receive(CspPayloadType.ECHO_RESPONSE, WAIT)).isNotNull();
        }
        Thread.sleep(300);
        try (CspClient n = platform.login(nina, withCookie(mine))) {
            assertThat(toldOfCookieChange(n)).isFalse();
        }
        // A login without a cookie counts as the all-zero cookie.
        try (CspClient n = platform.login(nina, LoginExtensions.of(new MessagePayloadVersionExtension(0x03)))) {
            assertThat(toldOfCookieChange(n)).isTrue();
        }
    }

    @Test
    void echoRequestsComeBackByteForByte() throws Exception {
        Identity alice = platform.createIdentity();
        try (CspClient a = platform.login(alice, ANDROID)) {
            byte[] twelve = CryptoRandom.bytes(12);
            a.send(CspPayloadType.ECHO_REQUEST, twelve);
            assertThat(a.receive(CspPayloadType.ECHO_RESPONSE, WAIT).data()).isEqualTo(twelve);
        }
    }

    @Test
    void unknownIdentitiesAndWrongKeysAreRefused() throws Exception {
        Identity alice = platform.createIdentity();
        Identity stranger = new Identity(dev.parley.common.identity.ThreemaId.of("ZZZZZZZ9"), X25519.generateKeyPair());
        // The handshake completes; the reason is the first frame.
        try (CspClient s = platform.login(stranger, ANDROID)) {
            assertThatThrownBy(() -> s.receive(WAIT)).isInstanceOfSatisfying(CspLoginException.class,
                    e -> assertThat(e.closeError()).isEqualTo(new CloseError(false, "Unknown identity")));
            assertThat(s.closeError()).isEqualTo(new CloseError(false, "Unknown identity"));
        }
        try (RawCspLogin raw = new RawCspLogin(platform.cspAddress(), platform.serverPublicKey(), stranger, ANDROID)) {
            raw.readLoginAck();
            assertThat(closeError(raw.readFrame())).isEqualTo(new CloseError(false, "Unknown identity"));
            assertThat(raw.read()).as("nothing after the close-error").isEqualTo(-1);
        }
        // A wrong key proves nothing: a silent close instead of a login-ack.
        Identity impostor = new Identity(alice.id(), X25519.generateKeyPair());
        assertThatThrownBy(() -> platform.login(impostor, ANDROID)).isInstanceOf(IOException.class)
                .isNotInstanceOf(CspClosedException.class);
    }

    @Test
    void revocationDisconnectsAndRefusesLaterLogins() throws Exception {
        Identity alice = platform.createIdentity();
        Identity frank = platform.createIdentity();
        try (CspClient a = platform.login(alice, ANDROID)) {
            a.sendMessage(message(alice, frank, 0));
            assertThat(a.receive(CspPayloadType.OUTGOING_MESSAGE_ACK, WAIT)).isNotNull();
        }
        try (CspClient f = platform.login(frank, ANDROID)) {
            // Not acked: the message stays queued.
            assertThat(f.receive(CspPayloadType.INCOMING_MESSAGE, WAIT)).isNotNull();
            assertThat(f.receive(CspPayloadType.QUEUE_SEND_COMPLETE, WAIT)).isNotNull();
            platform.revoke(frank.id());
            CspClosedException closed = ChatPlatform.awaitClose(f, WAIT);
            assertThat(closed).isNotInstanceOf(CspLoginException.class);
            assertThat(closed.closeError()).isEqualTo(new CloseError(false, "Identity has been revoked"));
        }
        try (RawCspLogin raw = new RawCspLogin(platform.cspAddress(), platform.serverPublicKey(), frank, ANDROID)) {
            // Sent before the login-ack has been read: none of it may be acted upon.
            raw.send(CspPayloadType.OUTGOING_MESSAGE,
                    message(frank, alice, 0).encode(dev.parley.common.csp.payload.MessagePayloadFormat.WITH_METADATA));
            raw.send(CspPayloadType.SET_PUSH_NOTIFICATION_TOKEN, new PushToken(PushTokenType.FCM,
                    "revoked-token".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encode());
            raw.send(CspPayloadType.ECHO_REQUEST, new byte[12]);
            raw.readLoginAck();
            assertThat(closeError(raw.readFrame())).as("the first frame, before the queue or any echo")
                    .isEqualTo(new CloseError(false, "Identity has been revoked"));
            assertThat(raw.read()).as("nothing after the close-error").isEqualTo(-1);
        }
        try (CspClient f = platform.login(frank, ANDROID)) {
            assertThatThrownBy(() -> f.receive(WAIT)).isInstanceOf(CspLoginException.class)
                    .hasMessage("Identity has been revoked");
        }
        Thread.sleep(300);
        try (CspClient a = platform.login(alice, ANDROID)) {
            assertThat(a.receive(WAIT).type()).as("nothing from frank arrived")
                    .isEqualTo(CspPayloadType.QUEUE_SEND_COMPLETE.code());
        }
        assertThat(queuedFor(alice)).isZero();
        assertThat(queuedFor(frank)).as("not delivered, so not acknowledged").isEqualTo(1);
        assertThat(JdbcClient.create(platform.gateway(0).getBean(javax.sql.DataSource.class))
                .sql("SELECT count(*) FROM push_tokens WHERE identity = ?").param(frank.id().toString())
                .query(Long.class).single()).isZero();
        assertThat(present(frank)).as("never registered as a live connection").isFalse();
    }

    private static CloseError closeError(CspContainer container) {
        assertThat(container.type()).isEqualTo(CspPayloadType.CLOSE_ERROR.code());
        return CloseError.decode(container.data());
    }

    private static boolean present(Identity who) {
        var gateway = platform.gateway(0);
        String key = gateway.getBean(dev.parley.chat.persistence.RedisKeys.class).key("presence:" + who.id());
        return Boolean.TRUE.equals(gateway.getBean(
                org.springframework.data.redis.core.ReactiveStringRedisTemplate.class).hasKey(key).block(WAIT));
    }

    @Test
    void aNewLoginReplacesTheOldConnection() throws Exception {
        Identity gina = platform.createIdentity();
        try (CspClient first = platform.login(gina, ANDROID)) {
            assertThat(first.receive(CspPayloadType.QUEUE_SEND_COMPLETE, WAIT)).isNotNull();
            try (CspClient second = platform.login(gina, ANDROID)) {
                assertThat(ChatPlatform.awaitClose(first, WAIT).closeError().message())
                        .isEqualTo("Another connection for the same identity has been established");
                assertThat(second.receive(CspPayloadType.QUEUE_SEND_COMPLETE, WAIT)).isNotNull();
            }
        }
    }

    @Test
    void multiDeviceConnectionsGetNothingBeforeUnblock() throws Exception {
        Identity alice = platform.createIdentity();
        Identity hank = platform.createIdentity();
        try (CspClient a = platform.login(alice, ANDROID)) {
            a.sendMessage(message(alice, hank, 0));
            assertThat(a.receive(CspPayloadType.OUTGOING_MESSAGE_ACK, WAIT)).isNotNull();
        }
        LoginExtensions leader = LoginExtensions.of(new MessagePayloadVersionExtension(0x01), new CspDeviceIdExtension(42));
        try (CspClient h = platform.login(hank, leader)) {
            assertThat(h.receive(Duration.ofMillis(500))).isNull();
            h.send(CspPayloadType.UNBLOCK_INCOMING_MESSAGES, new byte[0]);
            assertThat(h.receive(WAIT).type()).isEqualTo(CspPayloadType.INCOMING_MESSAGE.code());
            assertThat(h.receive(WAIT).type()).isEqualTo(CspPayloadType.QUEUE_SEND_COMPLETE.code());
        }
    }

    @Test
    void aMessageInSomeoneElsesNameEndsTheConnection() throws Exception {
        Identity alice = platform.createIdentity();
        Identity ivan = platform.createIdentity();
        Identity judy = platform.createIdentity();
        try (CspClient a = platform.login(alice, ANDROID)) {
            a.sendMessage(message(ivan, judy, 0));
            assertThat(ChatPlatform.awaitClose(a, WAIT).closeError().message()).contains("sender");
        }
        assertThat(queuedFor(judy)).isZero();
    }

    @Test
    void aSlowHandshakeIsCutOff() throws Exception {
        try (Socket socket = new Socket(platform.cspAddress().getAddress(), platform.cspAddress().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(new byte[20]);
            out.flush();
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            assertThat(in.read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void garbageLoginAndOversizedFramesCloseTheConnection() throws Exception {
        try (Socket socket = new Socket(platform.cspAddress().getAddress(), platform.cspAddress().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(CryptoRandom.bytes(48));
            byte[] hello = socket.getInputStream().readNBytes(80);
            assertThat(hello).hasSize(80);
            // A login box that was not made with the session key.
            socket.getOutputStream().write(CryptoRandom.bytes(144));
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        Identity alice = platform.createIdentity();
        try (CspClient a = platform.login(alice, ANDROID)) {
            assertThat(a.receive(CspPayloadType.QUEUE_SEND_COMPLETE, WAIT)).isNotNull();
            a.send(CspPayloadType.ECHO_REQUEST, new byte[0]);
            assertThat(a.receive(CspPayloadType.ECHO_RESPONSE, WAIT)).isNotNull();
        }
    }

    @Test
    void offlineReceiversWithATokenAreWokenOncePerBurst() throws Exception {
        Identity alice = platform.createIdentity();
        Identity kim = platform.createIdentity();
        Identity lou = platform.createIdentity();
        for (Identity sleeper : new Identity[] {kim, lou}) {
            registerAndLeave(sleeper, ANDROID, new PushToken(PushTokenType.FCM,
                    ("fcm-token-" + sleeper.id()).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        }
        try (CspClient a = platform.login(alice, ANDROID)) {
            a.sendMessage(message(alice, kim, MessageFlags.SEND_PUSH));
            a.sendMessage(message(alice, kim, MessageFlags.SEND_PUSH));
            a.sendMessage(message(alice, lou, 0));
            for (int i = 0; i < 3; i++) {
                assertThat(a.receive(CspPayloadType.OUTGOING_MESSAGE_ACK, WAIT)).isNotNull();
            }
        }
        var forKim = awaitPushes(kim);
        assertThat(forKim).hasSize(1);
        assertThat(forKim.get(0).path()).isEqualTo("/internal/v1/push");
        assertThat(forKim.get(0).authorization()).isEqualTo("Bearer " + ChatPlatform.SECRET);
        String token = java.util.Base64.getEncoder().encodeToString(
                ("fcm-token-" + kim.id()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(forKim.get(0).body()).contains("\"tokenType\":17").contains("\"token\":\"" + token + "\"");
        // No push flag, no push.
        assertThat(relay.calls()).noneMatch(c -> c.body().contains(lou.id().toString()));
    }

    /** Registers the token, then goes offline once the gateway has handled it. */
    private static void registerAndLeave(Identity who, LoginExtensions extensions, PushToken token) throws Exception {
        try (CspClient client = platform.login(who, extensions)) {
            client.send(CspPayloadType.SET_PUSH_NOTIFICATION_TOKEN, token.encode());
            // An echo round trip: the token frame before it has been handled.
            client.send(CspPayloadType.ECHO_REQUEST, new byte[12]);
            assertThat(client.receive(CspPayloadType.ECHO_RESPONSE, WAIT)).isNotNull();
        }
        Thread.sleep(300);
    }

    /** The relay calls for the identity once the first has come, after a while for any more to show up. */
    private static java.util.List<RecordingPushRelay.Call> awaitPushes(Identity who) throws InterruptedException {
        awaitUntil(() -> relay.calls().stream().anyMatch(c -> c.body().contains(who.id().toString())));
        Thread.sleep(300);
        return relay.calls().stream().filter(c -> c.body().contains(who.id().toString())).toList();
    }

    private static double pushCount(String outcome) {
        var counter = platform.gateway(0).getBean(io.micrometer.core.instrument.MeterRegistry.class)
                .find("parley.chat.pushes").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void awaitPushCount(String outcome, double expected) throws InterruptedException {
        awaitUntil(() -> pushCount(outcome) >= expected);
        assertThat(pushCount(outcome)).isEqualTo(expected);
    }

    @Test
    void anIosMutableContentTokenGetsTheMessageSealedWithItsKey() throws Exception {
        Identity alice = platform.createIdentity();
        Identity ivy = platform.createIdentity();
        Identity odd = platform.createIdentity();
        byte[] device = CryptoRandom.bytes(32);
        device[7] = '|';
        byte[] key = CryptoRandom.bytes(32);
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        data.writeBytes(device);
        data.writeBytes("|ch.threema.iapp|".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        data.writeBytes(key);
        registerAndLeave(ivy, LEGACY, new PushToken(PushTokenType.APNS_PRODUCTION_MUTABLE_CONTENT, data.toByteArray()));
        registerAndLeave(odd, LEGACY, new PushToken(PushTokenType.APNS_DEVELOPMENT_MUTABLE_CONTENT, device));
        double malformedBefore = pushCount("malformed_token");

        MessageStruct first = message(alice, ivy, MessageFlags.SEND_PUSH);
        try (CspClient a = platform.login(alice, ANDROID)) {
            a.sendMessage(first);
            a.sendMessage(message(alice, ivy, MessageFlags.SEND_PUSH));
            a.sendMessage(message(alice, odd, MessageFlags.SEND_PUSH));
            for (int i = 0; i < 3; i++) {
                assertThat(a.receive(CspPayloadType.OUTGOING_MESSAGE_ACK, WAIT)).isNotNull();
            }
        }
        var forIvy = awaitPushes(ivy);
        assertThat(forIvy).as("one wake-up for the window").hasSize(1);
        var body = JSON.readTree(forIvy.get(0).body());
        java.util.Base64.Decoder base64 = java.util.Base64.getDecoder();
        assertThat(body.get("tokenType").asInt()).isEqualTo(5);
        assertThat(base64.decode(body.get("token").asString())).as("the bare device token").isEqualTo(device);
        assertThat(body.get("topic").asString()).isEqualTo("ch.threema.iapp");
        byte[] plaintext = dev.parley.common.crypto.SecretBox.open(key, base64.decode(body.get("nonce").asString()),
                base64.decode(body.get("encryptedPayload").asString()));
        var sealed = JSON.readTree(plaintext);
        byte[] messageId = new byte[8];
        dev.parley.common.codec.LittleEndian.putU64(messageId, 0, first.messageId());
        assertThat(sealed.properties()).hasSize(5);
        assertThat(sealed.get("cmd").asString()).isEqualTo("newmsg");
        assertThat(sealed.get("from").asString()).isEqualTo(alice.id().toString());
        assertThat(sealed.get("nick").asString()).isEqualTo("Alice");
        assertThat(sealed.get("messageId").asString()).as("the first message of the window")
                .isEqualTo(dev.parley.common.encoding.Hex.encode(messageId));
        assertThat(sealed.get("voip").asString()).isEqualTo("false");
        assertThat(forIvy.get(0).body()).as("nothing in clear").doesNotContain(alice.id().toString());

        // A mutable-content token without the key layout: nothing is sent, and it is counted.
        awaitPushCount("malformed_token", malformedBefore + 1);
        assertThat(relay.calls()).noneMatch(c -> c.body().contains(odd.id().toString()));
    }

    @Test
    void heavyTrafficBothWaysWhileReceivingAndAcking() throws Exception {
        Identity alice = platform.createIdentity();
        Identity bob = platform.createIdentity();
        int count = 500;
        try (CspClient a = platform.login(alice, ANDROID); CspClient b = platform.login(bob, ANDROID)) {
            java.util.concurrent.atomic.AtomicInteger aliceGot = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger bobGot = new java.util.concurrent.atomic.AtomicInteger();
            Thread aliceReader = reader(a, aliceGot, count);
            Thread bobReader = reader(b, bobGot, count);
            for (int i = 0; i < count; i++) {
                a.sendMessage(message(alice, bob, 0));
                b.sendMessage(message(bob, alice, 0));
            }
            aliceReader.join(30_000);
            bobReader.join(30_000);
            assertThat(aliceGot.get()).isEqualTo(count);
            assertThat(bobGot.get()).isEqualTo(count);
            assertThat(a.isClosed()).isFalse();
        }
        awaitQueued(alice, 0);
        awaitQueued(bob, 0);
    }

    /** Receives and acks {@code count} messages while the same client keeps sending. */
    private static Thread reader(CspClient client, java.util.concurrent.atomic.AtomicInteger got, int count) {
        Thread thread = new Thread(() -> {
            try {
                while (got.get() < count) {
                    CspContainer next = client.receive(WAIT);
                    if (next == null) {
                        return;
                    }
                    if (next.type() == CspPayloadType.INCOMING_MESSAGE.code()) {
                        client.ackIncoming(client.decodeMessage(next));
                        got.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        thread.start();
        return thread;
    }
}
