package dev.parley.common.csp;

import static dev.parley.common.csp.TestData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.common.codec.DecodeException;
import dev.parley.common.csp.frame.CspContainer;
import dev.parley.common.csp.payload.Alert;
import dev.parley.common.csp.payload.CloseError;
import dev.parley.common.csp.payload.DeletePushToken;
import dev.parley.common.csp.payload.Echo;
import dev.parley.common.csp.payload.IdleTimeout;
import dev.parley.common.csp.payload.MessageAck;
import dev.parley.common.csp.payload.PushToken;
import dev.parley.common.csp.payload.PushTokenType;
import dev.parley.common.encoding.Hex;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadCodecsTest {

    @Test
    void messageAckIsIdentityThenLittleEndianId() {
        MessageAck ack = new MessageAck(ALICE, 0x0807060504030201L);
        assertThat(Hex.encode(ack.encode())).isEqualTo(Hex.encode("ECHOECHO".getBytes(
                StandardCharsets.US_ASCII)) + "0102030405060708");
        assertThat(MessageAck.decode(ack.encode())).isEqualTo(ack);
        assertThatThrownBy(() -> MessageAck.decode(new byte[15])).isInstanceOf(DecodeException.class);
        byte[] longer = java.util.Arrays.copyOf(ack.encode(), 17);
        assertThatThrownBy(() -> MessageAck.decode(longer)).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> MessageAck.decode(new byte[16]))
                .isInstanceOf(DecodeException.class).hasMessage("message ack identity invalid");
    }

    @Test
    void pushTokenIsTypeThenToken() {
        PushToken fcm = new PushToken(PushTokenType.FCM, "abc:def".getBytes(StandardCharsets.US_ASCII));
        assertThat(Hex.encode(fcm.encode())).isEqualTo("11" + Hex.encode("abc:def".getBytes()));
        assertThat(PushToken.decode(fcm.encode())).isEqualTo(fcm);
        assertThat(PushToken.decode(Hex.decode("00")).knownType()).hasValue(PushTokenType.NONE);
        assertThat(PushToken.decode(Hex.decode("13")).token()).isEmpty();
        assertThat(PushToken.decode(Hex.decode("42aa")).knownType()).isEmpty();
        assertThat(PushToken.decode(new byte[256]).token()).hasSize(255);
        assertThatThrownBy(() -> PushToken.decode(new byte[257]))
                .isInstanceOf(DecodeException.class).hasMessage("push token too long");
        assertThatThrownBy(() -> PushToken.decode(new byte[0])).isInstanceOf(DecodeException.class);
        assertThat(fcm.toString()).doesNotContain("abc");
    }

    @Test
    void pushTokenTypesMatchSection55() {
        assertThat(List.of(PushTokenType.values())).extracting(PushTokenType::code)
                .containsExactly(0x00, 0x01, 0x02, 0x05, 0x06, 0x11, 0x13);
    }

    @Test
    void deletePushTokenIsAListOfU64() {
        DeletePushToken d = new DeletePushToken(List.of(1L, -1L));
        assertThat(Hex.encode(d.encode())).isEqualTo("0100000000000000ffffffffffffffff");
        assertThat(DeletePushToken.decode(d.encode())).isEqualTo(d);
        assertThat(DeletePushToken.decode(new byte[0]).allOtherDevices()).isTrue();
        assertThatThrownBy(() -> DeletePushToken.decode(new byte[9]))
                .isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> DeletePushToken.decode(new byte[8 * (DeletePushToken.MAX_IDS + 1)]))
                .isInstanceOf(DecodeException.class);
    }

    @Test
    void idleTimeoutAccepts30To600Only() {
        assertThat(IdleTimeout.decode(Hex.decode("1e00"))).isEqualTo(new IdleTimeout(30));
        assertThat(IdleTimeout.decode(Hex.decode("5802"))).isEqualTo(new IdleTimeout(600));
        assertThat(Hex.encode(new IdleTimeout(120).encode())).isEqualTo("7800");
        for (String bad : new String[] {"1d00", "5902", "0000", "ffff"}) {
            assertThatThrownBy(() -> IdleTimeout.decode(Hex.decode(bad)))
                    .isInstanceOf(DecodeException.class).hasMessage("idle timeout out of range");
        }
        assertThatThrownBy(() -> IdleTimeout.decode(Hex.decode("1e"))).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> IdleTimeout.decode(Hex.decode("1e0000")))
                .isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> new IdleTimeout(29)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closeErrorIsReconnectByteThenUtf8() {
        CloseError e = new CloseError(false, "Another connection for the same identity");
        assertThat(e.encode()[0]).isZero();
        assertThat(CloseError.decode(e.encode())).isEqualTo(e);
        assertThat(CloseError.decode(Hex.decode("01")).canReconnect()).isTrue();
        assertThat(CloseError.decode(Hex.decode("7f")).canReconnect()).isTrue();
        assertThat(CloseError.decode(Hex.decode("00")).message()).isEmpty();
        assertThatThrownBy(() -> CloseError.decode(new byte[0])).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> CloseError.decode(Hex.decode("00ff")))
                .isInstanceOf(DecodeException.class);
    }

    @Test
    void alertIsUtf8() {
        Alert a = new Alert("Wartung um 22:00 – bitte später");
        assertThat(Alert.decode(a.encode())).isEqualTo(a);
        assertThatThrownBy(() -> Alert.decode(Hex.decode("e282"))).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> Alert.decode(new byte[CspContainer.MAX_DATA_LENGTH + 1]))
                .isInstanceOf(DecodeException.class);
    }

    @Test
    void echoIsOpaqueAndVerbatim() {
        Echo e = Echo.decode(Hex.decode("010000008877665544332211"));
        assertThat(e.data()).hasSize(Echo.ANDROID_LENGTH);
        assertThat(Echo.decode(e.encode())).isEqualTo(e);
        assertThat(Echo.decode(new byte[0]).data()).isEmpty();
    }
}
