package dev.parley.common.d2m;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class D2mCloseCodeTest {

    @Test
    void reconnectIsAllowedFor1xxxAnd40xxButNot41xx() {
        assertThat(D2mCloseCode.NORMAL.allowsReconnect()).isTrue();
        assertThat(D2mCloseCode.INTERNAL_ERROR.allowsReconnect()).isTrue();
        assertThat(D2mCloseCode.CSP_CONNECTION_CLOSED.allowsReconnect()).isTrue();
        assertThat(D2mCloseCode.CLIENT_IDLE_TIMEOUT.allowsReconnect()).isTrue();
        assertThat(D2mCloseCode.UNSUPPORTED_VERSION.allowsReconnect()).isFalse();
        assertThat(D2mCloseCode.DEVICE_DROPPED.allowsReconnect()).isFalse();
        assertThat(D2mCloseCode.DEVICE_SLOT_STATE_MISMATCH.allowsReconnect()).isFalse();
        assertThat(D2mCloseCode.allowsReconnect(4099)).isTrue();
        assertThat(D2mCloseCode.allowsReconnect(4100)).isFalse();
        assertThat(D2mCloseCode.allowsReconnect(4199)).isFalse();
        assertThat(D2mCloseCode.allowsReconnect(4200)).isTrue();
    }

    @Test
    void codesMatchSection64() {
        assertThat(D2mCloseCode.values()).extracting(D2mCloseCode::code).containsExactly(
                1000, 1001, 1011, 4000, 4001, 4009, 4010, 4011, 4012, 4013,
                4110, 4111, 4112, 4113, 4114, 4115);
        assertThat(D2mCloseCode.fromCode(4115)).hasValue(D2mCloseCode.DEVICE_SLOT_STATE_MISMATCH);
        assertThat(D2mCloseCode.fromCode(4999)).isEmpty();
    }
}
