package dev.parley.common.csp;

import static dev.parley.common.csp.TestData.ALICE;
import static dev.parley.common.csp.TestData.filled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.common.codec.DecodeException;
import dev.parley.common.csp.handshake.ClientHello;
import dev.parley.common.csp.handshake.ClientInfoField;
import dev.parley.common.csp.handshake.Login;
import dev.parley.common.csp.handshake.LoginAck;
import dev.parley.common.csp.handshake.LoginData;
import dev.parley.common.csp.handshake.ServerHello;
import dev.parley.common.csp.handshake.ServerHelloPlaintext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HandshakeCodecTest {

    @Test
    void clientHelloIs48BytesOfKeyThenCookie() {
        ClientHello hello = new ClientHello(filled(32, 1), filled(16, 2));
        byte[] wire = hello.encode();
        assertThat(wire).hasSize(48);
        assertThat(wire[0]).isEqualTo((byte) 1);
        assertThat(wire[32]).isEqualTo((byte) 2);
        assertThat(ClientHello.decode(wire)).isEqualTo(hello);
        assertThatThrownBy(() -> ClientHello.decode(new byte[47])).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> ClientHello.decode(new byte[49]))
                .isInstanceOf(DecodeException.class).hasMessageContaining("trailing");
    }

    @Test
    void serverHelloIs80BytesOfCookieThenBox() {
        ServerHello hello = new ServerHello(filled(16, 3), filled(64, 4));
        assertThat(hello.encode()).hasSize(80);
        assertThat(ServerHello.decode(hello.encode())).isEqualTo(hello);
        assertThatThrownBy(() -> ServerHello.decode(new byte[79])).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> ServerHello.decode(new byte[81])).isInstanceOf(DecodeException.class);
        assertThat(ServerHello.cookiesDiffer(filled(16, 3), filled(16, 3))).isFalse();
        assertThat(ServerHello.cookiesDiffer(filled(16, 3), filled(16, 5))).isTrue();
    }

    @Test
    void serverHelloPlaintextIsKeyThenRepeatedCookie() {
        ServerHelloPlaintext p = new ServerHelloPlaintext(filled(32, 5), filled(16, 6));
        assertThat(p.encode()).hasSize(48);
        assertThat(ServerHelloPlaintext.decode(p.encode())).isEqualTo(p);
        assertThatThrownBy(() -> ServerHelloPlaintext.decode(new byte[50]))
                .isInstanceOf(DecodeException.class);
    }

    @Test
    void loginDataWithExtensionIndicatorHasTheSpecLayout() {
        LoginData data = LoginData.withExtensions(ALICE, 0x0123, filled(16, 7), filled(32, 8));
        byte[] wire = data.encode();
        assertThat(wire).hasSize(128);
        assertThat(new String(wire, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("ECHOECHO");
        assertThat(new String(wire, 8, 30, StandardCharsets.US_ASCII))
                .isEqualTo("threema-clever-extension-field");
        assertThat(wire[38]).isEqualTo((byte) 0x23);
        assertThat(wire[39]).isEqualTo((byte) 0x01);
        assertThat(Arrays.copyOfRange(wire, 40, 56)).isEqualTo(filled(16, 7));
        assertThat(Arrays.copyOfRange(wire, 56, 80)).isEqualTo(new byte[24]);
        assertThat(Arrays.copyOfRange(wire, 80, 112)).isEqualTo(filled(32, 8));
        assertThat(Arrays.copyOfRange(wire, 112, 128)).isEqualTo(new byte[16]);
        LoginData decoded = LoginData.decode(wire);
        assertThat(decoded).isEqualTo(data);
        assertThat(decoded.extensionsBoxLength()).isEqualTo(0x0123);
    }

    @Test
    void loginDataAcceptsTheLegacyZeroPaddedClientInfo() {
        byte[] wire = LoginData.withExtensions(ALICE, 0, filled(16, 7), filled(32, 8)).encode();
        byte[] info = "2.0;A;de/CH;Pixel;13".getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(wire, 8, 40, (byte) 0);
        System.arraycopy(info, 0, wire, 8, info.length);
        LoginData decoded = LoginData.decode(wire);
        assertThat(decoded.clientInfoField())
                .isEqualTo(new ClientInfoField.LegacyClientInfo("2.0;A;de/CH;Pixel;13"));
        assertThat(decoded.extensionsBoxLength()).isZero();
        assertThat(decoded.encode()).isEqualTo(wire);
    }

    @Test
    void loginDataRejectsBadReservedBytesPaddingAndIdentity() {
        byte[] good = LoginData.withExtensions(ALICE, 40, filled(16, 7), filled(32, 8)).encode();
        for (int reserved : new int[] {56, 79, 112, 127}) {
            byte[] bad = good.clone();
            bad[reserved] = 1;
            assertThatThrownBy(() -> LoginData.decode(bad)).isInstanceOf(DecodeException.class)
                    .hasMessage("login data reserved not zero");
        }
        byte[] badId = good.clone();
        badId[0] = 'a';
        assertThatThrownBy(() -> LoginData.decode(badId)).isInstanceOf(DecodeException.class);
        byte[] legacyGarbage = good.clone();
        Arrays.fill(legacyGarbage, 8, 40, (byte) 0);
        legacyGarbage[8] = 'x';
        legacyGarbage[20] = 'y';
        assertThatThrownBy(() -> LoginData.decode(legacyGarbage))
                .isInstanceOf(DecodeException.class).hasMessageContaining("padding");
        assertThatThrownBy(() -> LoginData.decode(new byte[127])).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> LoginData.decode(new byte[129])).isInstanceOf(DecodeException.class);
    }

    @Test
    void announcedExtensionsLengthMustBeZeroOrHoldAMac() {
        byte[] wire = LoginData.withExtensions(ALICE, 16, filled(16, 7), filled(32, 8)).encode();
        wire[38] = 15;
        assertThatThrownBy(() -> LoginData.decode(wire)).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> LoginData.withExtensions(ALICE, 3, filled(16, 7), filled(32, 8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loginIsBox144ThenTheAnnouncedExtensionsBox() {
        Login login = new Login(filled(144, 9), filled(40, 10));
        byte[] wire = login.encode();
        assertThat(wire).hasSize(184);
        assertThat(Login.decode(wire, 40)).isEqualTo(login);
        assertThat(Login.decode(wire)).isEqualTo(login);
        assertThatThrownBy(() -> Login.decode(wire, 41)).isInstanceOf(DecodeException.class)
                .hasMessage("login truncated");
        assertThatThrownBy(() -> Login.decode(wire, 39)).isInstanceOf(DecodeException.class)
                .hasMessage("login has trailing bytes");
        assertThatThrownBy(() -> Login.decode(new byte[150])).isInstanceOf(DecodeException.class);
        assertThat(Login.decode(new byte[144]).extensionsBox()).isEmpty();
        assertThatThrownBy(() -> Login.checkExtensionsBoxLength(65536))
                .isInstanceOf(DecodeException.class);
    }

    @Test
    void loginAckIs32BytesOverSixteenZeros() {
        LoginAck ack = new LoginAck(filled(32, 11));
        assertThat(LoginAck.decode(ack.encode())).isEqualTo(ack);
        assertThatThrownBy(() -> LoginAck.decode(new byte[33])).isInstanceOf(DecodeException.class);
        LoginAck.checkPlaintext(LoginAck.plaintext());
        assertThatThrownBy(() -> LoginAck.checkPlaintext(filled(16, 1)))
                .isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> LoginAck.checkPlaintext(new byte[17]))
                .isInstanceOf(DecodeException.class);
    }

    @Test
    void toStringNeverShowsKeyMaterial() {
        assertThat(new ClientHello(filled(32, 0x41), filled(16, 0x42)).toString())
                .contains("32 bytes").doesNotContain("4141");
    }
}
