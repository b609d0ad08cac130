package dev.parley.common.d2m;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.common.codec.DecodeException;
import dev.parley.common.encoding.Hex;
import org.junit.jupiter.api.Test;

class D2mContainerTest {

    @Test
    void isTypeThenThreeZeroBytesThenPayload() {
        D2mContainer c = new D2mContainer(D2mPayloadType.PROXY, Hex.decode("3000"));
        assertThat(Hex.encode(c.encode())).isEqualTo("000000003000");
        assertThat(D2mContainer.decode(c.encode())).isEqualTo(c);
        assertThat(D2mContainer.decode(Hex.decode("21000000")).payloadType())
                .hasValue(D2mPayloadType.ROLE_PROMOTED_TO_LEADER);
        assertThat(D2mContainer.decode(Hex.decode("99000000")).payloadType()).isEmpty();
    }

    @Test
    void boundsAre4To65536Bytes() {
        assertThatThrownBy(() -> D2mContainer.decode(new byte[3])).isInstanceOf(DecodeException.class);
        assertThat(D2mContainer.decode(new byte[4]).payload()).isEmpty();
        assertThat(D2mContainer.decode(new byte[65536]).payload()).hasSize(65532);
        assertThatThrownBy(() -> D2mContainer.decode(new byte[65537]))
                .isInstanceOf(DecodeException.class).hasMessage("D2M message too long");
        assertThatThrownBy(() -> new D2mContainer(0, new byte[65533]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNonZeroReserved() {
        for (String bad : new String[] {"80010000", "80000100", "80000001"}) {
            assertThatThrownBy(() -> D2mContainer.decode(Hex.decode(bad)))
                    .isInstanceOf(DecodeException.class).hasMessage("D2M reserved not zero");
        }
    }

    @Test
    void payloadTypesCoverSection62() {
        assertThat(D2mPayloadType.values()).hasSize(21);
        assertThat(D2mPayloadType.fromCode(0x45)).hasValue(D2mPayloadType.TRANSACTION_ENDED);
        assertThat(D2mPayloadType.REFLECTED.encoding()).isEqualTo(D2mPayloadType.Encoding.STRUCT);
        assertThat(D2mPayloadType.SERVER_INFO.encoding()).isEqualTo(D2mPayloadType.Encoding.PROTOBUF);
        assertThat(D2mPayloadType.PROXY.encoding()).isEqualTo(D2mPayloadType.Encoding.RAW);
    }
}
