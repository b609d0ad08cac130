package dev.parley.common.csp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.csp.extension.ClientInfo;
import dev.parley.common.csp.extension.ClientPlatform;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientInfoTest {

    @Test
    void parsesAnAndroidClientInfo() {
        ClientInfo info = ClientInfo.parse("6.4.2k;A;de/CH;Pixel 8;14");
        assertThat(info.appVersion()).isEqualTo("6.4.2k");
        assertThat(info.platform()).isEqualTo(ClientPlatform.ANDROID);
        assertThat(info.language()).isEqualTo("de");
        assertThat(info.countryCode()).isEqualTo("CH");
        assertThat(info.deviceModel()).hasValue("Pixel 8");
        assertThat(info.operatingSystem()).hasValue("14");
    }

    @Test
    void parsesADesktopClientInfo() {
        ClientInfo info = ClientInfo.parse("2.0-beta46;Q;en/US;Electron;128;Linux;x64");
        assertThat(info.platform()).isEqualTo(ClientPlatform.DESKTOP);
        assertThat(info.details()).containsExactly("Electron", "128", "Linux", "x64");
        assertThat(info.deviceModel()).isEmpty();
        assertThat(info.operatingSystem()).hasValue("Linux");
    }

    @Test
    void parsesABotAndIosLetters() {
        assertThat(ClientInfo.parse("1;B;en/US;Linux;x64").operatingSystem()).hasValue("Linux");
        assertThat(ClientInfo.parse("1;I;fr/FR;iPhone;17").platform()).isEqualTo(ClientPlatform.IOS);
        assertThat(ClientInfo.parse("1;W;fr/FR;Lumia;10").platform())
                .isEqualTo(ClientPlatform.WINDOWS_PHONE);
    }

    @Test
    void isLenientWithMissingAndOddFields() {
        ClientInfo empty = ClientInfo.parse("");
        assertThat(empty.appVersion()).isEmpty();
        assertThat(empty.platform()).isEqualTo(ClientPlatform.UNKNOWN);
        assertThat(empty.details()).isEmpty();
        assertThat(empty.operatingSystem()).isEmpty();
        ClientInfo odd = ClientInfo.parse("1.0;Android;de");
        assertThat(odd.platform()).isEqualTo(ClientPlatform.UNKNOWN);
        assertThat(odd.language()).isEqualTo("de");
        assertThat(odd.countryCode()).isEmpty();
        assertThat(ClientInfo.parse("1;A;de/CH").deviceModel()).isEmpty();
        assertThat(ClientInfo.parse("1;A;de/CH;;;").details()).isEqualTo(List.of("", "", ""));
    }
}
