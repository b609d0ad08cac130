package dev.parley.common.d2m;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.common.codec.DecodeException;
import dev.parley.common.encoding.Hex;
import org.junit.jupiter.api.Test;

class ReflectionCodecsTest {

    @Test
    void reflectHasAnEightByteHeader() {
        Reflect r = new Reflect(ReflectFlags.EPHEMERAL, 0xfedcba98L, Hex.decode("aabb"));
        assertThat(Hex.encode(r.encode())).isEqualTo("08000100" + "98badcfe" + "aabb");
        assertThat(Reflect.decode(r.encode())).isEqualTo(r);
        assertThat(r.ephemeral()).isTrue();
        assertThat(new Reflect(0, 1, new byte[0]).ephemeral()).isFalse();
    }

    @Test
    void reflectSkipsExtraHeaderBytesAndRejectsAShortHeader() {
        Reflect r = Reflect.decode(Hex.decode("0a00000001000000" + "eeee" + "aabb"));
        assertThat(r.reflectId()).isEqualTo(1);
        assertThat(r.envelope()).isEqualTo(Hex.decode("aabb"));
        assertThatThrownBy(() -> Reflect.decode(Hex.decode("0700000001000000aabb")))
                .isInstanceOf(DecodeException.class).hasMessage("reflect header too short");
        assertThatThrownBy(() -> Reflect.decode(Hex.decode("0c00000001000000aabb")))
                .isInstanceOf(DecodeException.class).hasMessage("reflect header truncated");
        assertThatThrownBy(() -> Reflect.decode(Hex.decode("08000000010000")))
                .isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> Reflect.decode(new byte[0])).isInstanceOf(DecodeException.class);
    }

    @Test
    void reflectIgnoresTheReservedByteAndWritesZero() {
        Reflect r = Reflect.decode(Hex.decode("08ff000001000000"));
        assertThat(Hex.encode(r.encode())).isEqualTo("0800000001000000");
    }

    @Test
    void reflectedHasASixteenByteHeader() {
        Reflected r = new Reflected(0, 7, 0x0000018f00000001L, Hex.decode("cc"));
        assertThat(Hex.encode(r.encode()))
                .isEqualTo("10000000" + "07000000" + "010000008f010000" + "cc");
        assertThat(Reflected.decode(r.encode())).isEqualTo(r);
        Reflected longer = Reflected.decode(Hex.decode("1200010007000000010000008f0100000000cc"));
        assertThat(longer).isEqualTo(new Reflected(1, 7, 0x0000018f00000001L, Hex.decode("cc")));
        assertThatThrownBy(() -> Reflected.decode(Hex.decode("0f0000000700000001000000000000")))
                .isInstanceOf(DecodeException.class).hasMessage("reflected header too short");
        assertThatThrownBy(() -> Reflected.decode(Hex.decode("100000000700000001")))
                .isInstanceOf(DecodeException.class);
    }

    @Test
    void acksHaveFixedSizes() {
        ReflectAck ack = new ReflectAck(0xffff_ffffL, 1234L);
        assertThat(Hex.encode(ack.encode())).isEqualTo("00000000ffffffffd204000000000000");
        assertThat(ReflectAck.decode(ack.encode())).isEqualTo(ack);
        assertThatThrownBy(() -> ReflectAck.decode(new byte[15])).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> ReflectAck.decode(new byte[17])).isInstanceOf(DecodeException.class);

        ReflectedAck rack = new ReflectedAck(5);
        assertThat(Hex.encode(rack.encode())).isEqualTo("0000000005000000");
        assertThat(ReflectedAck.decode(rack.encode())).isEqualTo(rack);
        assertThat(ReflectedAck.decode(Hex.decode("ffffffff05000000"))).isEqualTo(rack);
        assertThatThrownBy(() -> ReflectedAck.decode(new byte[7])).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> ReflectedAck.decode(new byte[9])).isInstanceOf(DecodeException.class);
    }

    @Test
    void constructorsRejectOutOfRangeValues() {
        assertThatThrownBy(() -> new Reflect(0x10000, 0, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReflectedAck(0x1_0000_0000L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Reflect(0, 0, new byte[Reflect.MAX_ENVELOPE_LENGTH + 1]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
