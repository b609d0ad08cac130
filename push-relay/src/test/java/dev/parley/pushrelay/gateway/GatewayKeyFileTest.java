package dev.parley.pushrelay.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GatewayKeyFileTest {

    private static final String HEX = "00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF";

    @Test
    void readsWithAndWithoutTrailingNewline() {
        assertThat(GatewayKeyFile.parse("private:" + HEX)).hasSize(32).startsWith(0x00, 0x11);
        assertThat(GatewayKeyFile.parse("private:" + HEX + "\n")).isEqualTo(GatewayKeyFile.parse("private:" + HEX));
    }

    @Test
    void rejectsOtherShapes() {
        assertThatThrownBy(() -> GatewayKeyFile.parse(HEX)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GatewayKeyFile.parse("public:" + HEX)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GatewayKeyFile.parse("private:" + HEX.substring(2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GatewayKeyFile.parse("private:" + HEX.replace('0', 'g'))).isInstanceOf(IllegalArgumentException.class);
    }
}
