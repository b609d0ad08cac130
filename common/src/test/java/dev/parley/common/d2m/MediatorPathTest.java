package dev.parley.common.d2m;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.parley.common.codec.DecodeException;
import dev.parley.common.d2m.proto.ClientUrlInfo;
import dev.parley.common.encoding.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MediatorPathTest {

    private static final byte[] DGID_AB = filled(0xab);
    private static final String EXAMPLE = "0a20" + "ab".repeat(32) + "1a026162";

    private static byte[] filled(int value) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) value);
        return b;
    }

    /** The verified example of §6.1: DGID ab…ab, server group "ab". */
    @Test
    void encodesTheSection61Example() {
        MediatorPath path = new MediatorPath(DGID_AB, "ab");
        assertThat(path.clientUrlInfoHex()).isEqualTo(EXAMPLE);
        assertThat(path.toPath()).isEqualTo("/ab/" + EXAMPLE);
        assertThat(path.prefix4()).isEqualTo("a");
        assertThat(path.prefix8()).isEqualTo("ab");
    }

    @Test
    void parsesTheSection61Example() {
        MediatorPath path = MediatorPath.parse("/ab/" + EXAMPLE);
        assertThat(path).isEqualTo(new MediatorPath(DGID_AB, "ab"));
    }

    @Test
    void rejectsAPrefixThatDoesNotMatchTheDgid() {
        assertThatThrownBy(() -> MediatorPath.parse("/ac/" + EXAMPLE))
                .isInstanceOf(DecodeException.class)
                .hasMessage("path prefix does not match device group ID");
    }

    @Test
    void rejectsUppercaseHexAndMalformedPaths() {
        assertThatThrownBy(() -> MediatorPath.parse("/ab/" + EXAMPLE.toUpperCase()))
                .isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> MediatorPath.parse("/AB/" + EXAMPLE))
                .isInstanceOf(DecodeException.class);
        for (String bad : new String[] {"", "/", "/ab", "/ab/", "ab/" + EXAMPLE, "/ab/" + EXAMPLE + "/",
                "/ab/" + EXAMPLE + "0", "/ab/zz", "/ab/" + EXAMPLE + "?x=1"}) {
            assertThatThrownBy(() -> MediatorPath.parse(bad)).as(bad)
                    .isInstanceOf(DecodeException.class);
        }
        assertThatThrownBy(() -> MediatorPath.parse("/ab/" + "00".repeat(1000)))
                .isInstanceOf(DecodeException.class).hasMessage("mediator path too long");
    }

    @Test
    void rejectsAWrongDgidLengthOrServerGroup() {
        assertThatThrownBy(() -> MediatorPath.parse("/ab/" + hex(Arrays.copyOf(DGID_AB, 31), "ab")))
                .isInstanceOf(DecodeException.class).hasMessage("device group ID must be 32 bytes");
        assertThatThrownBy(() -> MediatorPath.parse("/ab/" + hex(DGID_AB, "a-b")))
                .isInstanceOf(DecodeException.class).hasMessage("server group invalid");
        assertThatThrownBy(() -> MediatorPath.parse("/ab/" + hex(DGID_AB, "")))
                .isInstanceOf(DecodeException.class).hasMessage("server group invalid");
        assertThatThrownBy(() -> MediatorPath.parse("/ab/ff"))
                .isInstanceOf(DecodeException.class).hasMessage("client URL info malformed");
        assertThatThrownBy(() -> new MediatorPath(DGID_AB, "ä"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roundTripsOtherGroups() {
        byte[] dgid = filled(0x07);
        dgid[31] = 1;
        MediatorPath path = new MediatorPath(dgid, "Zz09");
        assertThat(path.toPath()).startsWith("/07/0a20");
        assertThat(MediatorPath.parse(path.toPath())).isEqualTo(path);
        assertThat(path.prefix4()).isEqualTo("0");
    }

    private static String hex(byte[] dgid, String group) {
        return Hex.encode(ClientUrlInfo.newBuilder().setDeviceGroupId(ByteString.copyFrom(dgid))
                .setServerGroup(group).build().toByteArray());
    }
}
