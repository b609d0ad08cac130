package dev.parley.common.csp;

import static dev.parley.common.csp.TestData.filled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.common.codec.DecodeException;
import dev.parley.common.csp.extension.ClientInfoExtension;
import dev.parley.common.csp.extension.CspDeviceIdExtension;
import dev.parley.common.csp.extension.DeviceCookieExtension;
import dev.parley.common.csp.extension.LoginExtensions;
import dev.parley.common.csp.extension.MessagePayloadVersionExtension;
import dev.parley.common.csp.extension.UnknownExtension;
import dev.parley.common.csp.payload.MessagePayloadFormat;
import dev.parley.common.encoding.Hex;
import org.junit.jupiter.api.Test;

class LoginExtensionsTest {

    /** Pitfall (§5.3): Android sends 0x03, a bitmask, not an unknown "version 3". */
    @Test
    void androidSends0x03MeaningMetadataFormatAndEchoRequests() {
        LoginExtensions ext = LoginExtensions.decode(Hex.decode("02010003"));
        MessagePayloadVersionExtension v = ext.messagePayloadVersion().orElseThrow();
        assertThat(v.value()).isEqualTo(0x03);
        assertThat(v.supportsMetadataFormat()).isTrue();
        assertThat(v.allowsEchoRequests()).isTrue();
        assertThat(ext.payloadFormat()).isEqualTo(MessagePayloadFormat.WITH_METADATA);
        assertThat(ext.allowsEchoRequests()).isTrue();
    }

    /** Pitfall (§5.3): Desktop sends 0x01, metadata format without echo requests. */
    @Test
    void desktopSends0x01MeaningMetadataFormatOnly() {
        LoginExtensions ext = LoginExtensions.decode(Hex.decode("02010001"));
        assertThat(ext.payloadFormat()).isEqualTo(MessagePayloadFormat.WITH_METADATA);
        assertThat(ext.allowsEchoRequests()).isFalse();
    }

    @Test
    void messagePayloadVersionBitsAreIndependent() {
        MessagePayloadVersionExtension echoOnly = new MessagePayloadVersionExtension(0x02);
        assertThat(echoOnly.payloadFormat()).isEqualTo(MessagePayloadFormat.LEGACY);
        assertThat(echoOnly.allowsEchoRequests()).isTrue();
        assertThat(new MessagePayloadVersionExtension(0xfc).supportsMetadataFormat()).isFalse();
        assertThat(LoginExtensions.of().payloadFormat()).isEqualTo(MessagePayloadFormat.LEGACY);
        assertThat(LoginExtensions.of().allowsEchoRequests()).isFalse();
    }

    @Test
    void roundTripsAllKnownTypesInOrder() {
        LoginExtensions ext = LoginExtensions.of(
                new ClientInfoExtension("6.4.2;A;de/CH;Pixel 8;14"),
                new CspDeviceIdExtension(0x0102030405060708L),
                new MessagePayloadVersionExtension(0x03),
                new DeviceCookieExtension(filled(16, 0xdc)));
        byte[] wire = ext.encode();
        assertThat(Hex.encode(wire)).startsWith("001800").contains("0108000807060504030201")
                .contains("02010003").contains("031000dcdc");
        assertThat(LoginExtensions.decode(wire)).isEqualTo(ext);
        assertThat(ext.cspDeviceId()).hasValue(0x0102030405060708L);
        assertThat(ext.deviceCookie()).isPresent();
        assertThat(ext.clientInfo().orElseThrow().parsed().deviceModel()).hasValue("Pixel 8");
    }

    @Test
    void unknownTypesAreKeptNotFatal() {
        LoginExtensions ext = LoginExtensions.decode(Hex.decode("7f0200abcd02010001"));
        assertThat(ext.extensions()).hasSize(2);
        assertThat(ext.extensions().get(0)).isEqualTo(new UnknownExtension(0x7f, Hex.decode("abcd")));
        assertThat(ext.payloadFormat()).isEqualTo(MessagePayloadFormat.WITH_METADATA);
        assertThat(Hex.encode(ext.encode())).isEqualTo("7f0200abcd02010001");
    }

    @Test
    void duplicatesAreRejected() {
        assertThatThrownBy(() -> LoginExtensions.decode(Hex.decode("0201000102010003")))
                .isInstanceOf(DecodeException.class).hasMessage("duplicate login extension");
        assertThatThrownBy(() -> LoginExtensions.decode(Hex.decode("7f00007f0000")))
                .isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> LoginExtensions.of(new MessagePayloadVersionExtension(1),
                new MessagePayloadVersionExtension(3))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fixedSizeExtensionsMustHaveTheirSize() {
        assertThatThrownBy(() -> LoginExtensions.decode(Hex.decode("0107000102030405060708")))
                .isInstanceOf(DecodeException.class).hasMessage("csp-device-id has wrong length");
        assertThatThrownBy(() -> LoginExtensions.decode(Hex.decode("0109000102030405060708ff")))
                .isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> LoginExtensions.decode(Hex.decode("0200")))
                .isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> LoginExtensions.decode(Hex.decode("0202000301")))
                .isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> LoginExtensions.decode(Hex.decode("030f00" + "00".repeat(15))))
                .isInstanceOf(DecodeException.class);
    }

    @Test
    void truncatedOrOverlongInputIsRejected() {
        assertThatThrownBy(() -> LoginExtensions.decode(Hex.decode("00")))
                .isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> LoginExtensions.decode(Hex.decode("00ffff61")))
                .isInstanceOf(DecodeException.class).hasMessage("login extension payload truncated");
        assertThatThrownBy(() -> LoginExtensions.decode(Hex.decode("0001 00c3".replace(" ", ""))))
                .isInstanceOf(DecodeException.class).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> LoginExtensions.decode(new byte[LoginExtensions.MAX_PLAINTEXT + 1]))
                .isInstanceOf(DecodeException.class);
        assertThat(LoginExtensions.decode(new byte[0]).extensions()).isEmpty();
    }
}
