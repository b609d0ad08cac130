package dev.parley.common.csp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.codec.CodecLaws;
import dev.parley.common.codec.Fuzz;
import dev.parley.common.csp.extension.ClientInfo;
import dev.parley.common.csp.extension.ClientInfoExtension;
import dev.parley.common.csp.extension.CspDeviceIdExtension;
import dev.parley.common.csp.extension.DeviceCookieExtension;
import dev.parley.common.csp.extension.LoginExtension;
import dev.parley.common.csp.extension.LoginExtensions;
import dev.parley.common.csp.extension.MessagePayloadVersionExtension;
import dev.parley.common.csp.extension.UnknownExtension;
import dev.parley.common.csp.frame.CspContainer;
import dev.parley.common.csp.frame.CspFrameDecoder;
import dev.parley.common.csp.frame.CspFrames;
import dev.parley.common.csp.handshake.ClientHello;
import dev.parley.common.csp.handshake.Login;
import dev.parley.common.csp.handshake.LoginAck;
import dev.parley.common.csp.handshake.LoginData;
import dev.parley.common.csp.handshake.ServerHello;
import dev.parley.common.csp.handshake.ServerHelloPlaintext;
import dev.parley.common.csp.payload.Alert;
import dev.parley.common.csp.payload.CloseError;
import dev.parley.common.csp.payload.DeletePushToken;
import dev.parley.common.csp.payload.Echo;
import dev.parley.common.csp.payload.IdleTimeout;
import dev.parley.common.csp.payload.MessageAck;
import dev.parley.common.csp.payload.MessagePayloadFormat;
import dev.parley.common.csp.payload.MessageStruct;
import dev.parley.common.csp.payload.PushToken;
import dev.parley.common.identity.ThreemaId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class CspDecoderPropertyTest {

    static final List<CodecLaws<?>> CODECS = List.of(
            CodecLaws.canonical("client-hello", ClientHello::decode, ClientHello::encode),
            CodecLaws.canonical("server-hello", ServerHello::decode, ServerHello::encode),
            CodecLaws.canonical("server-hello plaintext", ServerHelloPlaintext::decode,
                    ServerHelloPlaintext::encode),
            CodecLaws.canonical("login", Login::decode, Login::encode),
            CodecLaws.canonical("login data", LoginData::decode, LoginData::encode),
            CodecLaws.canonical("login-ack", LoginAck::decode, LoginAck::encode),
            CodecLaws.canonical("login extensions", LoginExtensions::decode, LoginExtensions::encode),
            CodecLaws.canonical("container", CspContainer::decode, CspContainer::encode),
            CodecLaws.canonical("frame", CspFrames::decodeExact, CspFrames::encode),
            CodecLaws.canonical("message", MessageStruct::decode, MessageStruct::encode),
            CodecLaws.canonical("legacy message",
                    b -> MessageStruct.decode(b, MessagePayloadFormat.LEGACY),
                    m -> m.encode(MessagePayloadFormat.LEGACY)),
            CodecLaws.canonical("message ack", MessageAck::decode, MessageAck::encode),
            CodecLaws.canonical("push token", PushToken::decode, PushToken::encode),
            CodecLaws.canonical("delete push token", DeletePushToken::decode,
                    DeletePushToken::encode),
            CodecLaws.canonical("idle timeout", IdleTimeout::decode, IdleTimeout::encode),
            CodecLaws.lenient("close-error", CloseError::decode, CloseError::encode),
            CodecLaws.canonical("alert", Alert::decode, Alert::encode),
            CodecLaws.canonical("echo", Echo::decode, Echo::encode));

    @Property(tries = 2000)
    void arbitraryBytesOnlyEverFailWithDecodeException(@ForAll @Size(max = 300) byte[] input) {
        for (CodecLaws<?> codec : CODECS) {
            codec.check(input);
        }
    }

    @Property
    void sizedInputsReachTheFixedSizeDecoders(
            @ForAll("fixedSizes") int size, @ForAll @IntRange(min = 0, max = 255) int fill) {
        byte[] input = new byte[size];
        java.util.Arrays.fill(input, (byte) fill);
        for (CodecLaws<?> codec : CODECS) {
            codec.check(input);
        }
    }

    @Provide
    Arbitrary<Integer> fixedSizes() {
        return Arbitraries.of(2, 4, 8, 16, 32, 48, 80, 128, 144, 160);
    }

    @Property
    void mutatedMessagesOnlyEverFailWithDecodeException(@ForAll("messages") MessageStruct m,
            @ForAll int index, @ForAll byte mask, @ForAll @IntRange(min = 0, max = 200) int cut) {
        byte[] wire = m.encode();
        CodecLaws<?> laws = CODECS.get(9);
        laws.check(Fuzz.flip(wire, index, mask));
        laws.check(java.util.Arrays.copyOf(wire, Math.max(0, wire.length - cut)));
        CODECS.get(10).check(Fuzz.flip(wire, index, mask));
    }

    @Property
    void mutatedLoginDataOnlyEverFailsWithDecodeException(@ForAll("loginData") LoginData data,
            @ForAll int index, @ForAll byte mask) {
        CODECS.get(4).check(Fuzz.flip(data.encode(), index, mask));
    }

    @Property
    void mutatedExtensionsOnlyEverFailWithDecodeException(
            @ForAll("extensions") LoginExtensions ext, @ForAll int index, @ForAll byte mask,
            @ForAll @IntRange(min = 0, max = 30) int cut) {
        byte[] wire = ext.encode();
        CODECS.get(6).check(Fuzz.flip(wire, index, mask));
        CODECS.get(6).check(java.util.Arrays.copyOf(wire, Math.max(0, wire.length - cut)));
    }

    @Property
    void messagesRoundTrip(@ForAll("messages") MessageStruct m) {
        assertThat(MessageStruct.decode(m.encode())).isEqualTo(m);
        assertThat(MessageStruct.decode(m.encode(MessagePayloadFormat.LEGACY),
                MessagePayloadFormat.LEGACY)).isEqualTo(m.toLegacy());
        assertThat(m.toLegacy().withMetadata(m.metadata())).isEqualTo(m);
    }

    @Property
    void loginDataRoundTrips(@ForAll("loginData") LoginData data) {
        assertThat(LoginData.decode(data.encode())).isEqualTo(data);
    }

    @Property
    void extensionsRoundTrip(@ForAll("extensions") LoginExtensions ext) {
        assertThat(LoginExtensions.decode(ext.encode())).isEqualTo(ext);
    }

    @Property
    void containersAndFramesRoundTrip(@ForAll @IntRange(min = 0, max = 255) int type,
            @ForAll @Size(min = 12, max = 600) byte[] data) {
        CspContainer container = new CspContainer(type, data);
        byte[] box = container.encode();
        CspFrameDecoder decoder = new CspFrameDecoder();
        byte[] decodedBox = decoder.decode(ByteBuffer.wrap(CspFrames.encode(box)));
        assertThat(CspContainer.decode(decodedBox)).isEqualTo(container);
    }

    @Property
    void clientInfoParsingNeverFails(@ForAll String raw) {
        ClientInfo info = ClientInfo.parse(raw);
        assertThat(info.platform()).isNotNull();
        info.deviceModel();
        info.operatingSystem();
    }

    @Property
    void smallPayloadsRoundTrip(@ForAll("ids") ThreemaId id, @ForAll long messageId,
            @ForAll @IntRange(min = 30, max = 600) int idle, @ForAll @Size(max = 255) byte[] token,
            @ForAll @Size(max = 20) List<Long> deviceIds, @ForAll boolean reconnect,
            @ForAll String text) {
        assertThat(MessageAck.decode(new MessageAck(id, messageId).encode()))
                .isEqualTo(new MessageAck(id, messageId));
        assertThat(IdleTimeout.decode(new IdleTimeout(idle).encode())).isEqualTo(new IdleTimeout(idle));
        assertThat(PushToken.decode(new PushToken(0x11, token).encode()))
                .isEqualTo(new PushToken(0x11, token));
        assertThat(DeletePushToken.decode(new DeletePushToken(deviceIds).encode()).cspDeviceIds())
                .isEqualTo(deviceIds);
        if (!hasLoneSurrogate(text)) {
            assertThat(CloseError.decode(new CloseError(reconnect, text).encode()))
                    .isEqualTo(new CloseError(reconnect, text));
            assertThat(Alert.decode(new Alert(text).encode())).isEqualTo(new Alert(text));
        }
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    @Provide
    Arbitrary<ThreemaId> ids() {
        Arbitrary<String> plain = Arbitraries.strings()
                .withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789").ofLength(8);
        Arbitrary<String> gateway = Arbitraries.strings()
                .withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789").ofLength(7).map(s -> "*" + s);
        return Arbitraries.oneOf(plain, gateway).map(ThreemaId::of);
    }

    private static Arbitrary<byte[]> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
    }

    @Provide
    Arbitrary<MessageStruct> messages() {
        Arbitrary<byte[]> metadata = Arbitraries.oneOf(Arbitraries.just(new byte[0]), bytes(16, 80));
        Arbitrary<long[]> numbers = Combinators.combine(Arbitraries.longs(),
                Arbitraries.longs().between(0, 0xffff_ffffL), Arbitraries.integers().between(0, 255))
                .as((id, created, flags) -> new long[] {id, created, flags});
        return Combinators.combine(ids(), ids(), numbers, bytes(32, 32), metadata, bytes(24, 24),
                bytes(16, 200)).as((s, r, n, nick, meta, nonce, box) -> new MessageStruct(s, r, n[0],
                n[1], (int) n[2], nick, meta, nonce, box));
    }

    @Provide
    Arbitrary<LoginData> loginData() {
        Arbitrary<Integer> boxLength = Arbitraries.oneOf(Arbitraries.just(0),
                Arbitraries.integers().between(16, 0xffff));
        return Combinators.combine(ids(), boxLength, bytes(16, 16), bytes(32, 32))
                .as(LoginData::withExtensions);
    }

    @Provide
    Arbitrary<LoginExtensions> extensions() {
        Arbitrary<LoginExtension> one = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40).filter(s -> !hasLoneSurrogate(s))
                        .map(ClientInfoExtension::new),
                Arbitraries.longs().map(CspDeviceIdExtension::new),
                Arbitraries.integers().between(0, 255).map(MessagePayloadVersionExtension::new),
                bytes(16, 16).map(DeviceCookieExtension::new),
                Combinators.combine(Arbitraries.integers().between(4, 255), bytes(0, 40))
                        .as(UnknownExtension::new));
        return one.list().ofMaxSize(8).map(list -> {
            Map<Integer, LoginExtension> unique = new LinkedHashMap<>();
            for (LoginExtension e : list) {
                unique.putIfAbsent(e.type(), e);
            }
            return new LoginExtensions(new ArrayList<>(unique.values()));
        });
    }
}
