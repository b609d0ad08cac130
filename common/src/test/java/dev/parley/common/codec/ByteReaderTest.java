package dev.parley.common.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteReaderTest {

    @Test
    void readsLittleEndianIntegers() {
        byte[] bytes = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, (byte) 0xff};
        ByteReader in = new ByteReader(bytes);
        assertThat(in.u8("a")).isEqualTo(1);
        assertThat(in.u16le("b")).isEqualTo(0x0302);
        assertThat(in.u32le("c")).isEqualTo(0x07060504L);
        assertThat(in.u64le("d")).isEqualTo(0xff0e0d0c0b0a0908L);
        in.end("e");
    }

    @Test
    void u32IsUnsigned() {
        assertThat(new ByteReader(new byte[] {-1, -1, -1, -1}).u32le("x")).isEqualTo(0xffff_ffffL);
    }

    @Test
    void shortInputIsADecodeExceptionNotAnIndexError() {
        ByteReader in = new ByteReader(new byte[3]);
        assertThatThrownBy(() -> in.u32le("field")).isInstanceOf(DecodeException.class)
                .hasMessage("field truncated");
        assertThatThrownBy(() -> in.bytes(-1, "neg")).isInstanceOf(DecodeException.class);
    }

    @Test
    void zerosRejectsNonZero() {
        assertThatThrownBy(() -> new ByteReader(new byte[] {0, 1}).zeros(2, "reserved"))
                .isInstanceOf(DecodeException.class).hasMessage("reserved not zero");
    }

    @Test
    void endRejectsTrailingBytes() {
        assertThatThrownBy(() -> new ByteReader(new byte[1]).end("thing"))
                .isInstanceOf(DecodeException.class).hasMessage("thing has trailing bytes");
    }

    @Test
    void utf8IsStrict() {
        assertThat(new ByteReader("grüezi".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .utf8(7, "t")).isEqualTo("grüezi");
        assertThatThrownBy(() -> new ByteReader(new byte[] {(byte) 0xc3}).utf8(1, "text"))
                .isInstanceOf(DecodeException.class).hasMessage("text is not valid UTF-8");
    }

    @Test
    void decodeExceptionIsCheapAndCarriesItsReason() {
        DecodeException e = new DecodeException("bad");
        assertThat(e.reason()).isEqualTo("bad");
        assertThat(e.getStackTrace()).isEmpty();
    }
}
