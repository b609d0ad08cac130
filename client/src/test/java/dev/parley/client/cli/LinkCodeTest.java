package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.rendezvous.proto.RendezvousInit;
import org.junit.jupiter.api.Test;

class LinkCodeTest {

    private static RendezvousInit init(int akLength, String url) {
        return RendezvousInit.newBuilder().setAk(ByteString.copyFrom(CryptoRandom.bytes(akLength)))
                .setRelayedWebSocket(RendezvousInit.RelayedWebSocket.newBuilder().setPathId(1).setUrl(url)).build();
    }

    @Test
    void aCodeIsOneShellSafeLineThatDecodesToTheSameInit() {
        RendezvousInit init = init(32, "ws://relay.example:8085/ab/" + "ab".repeat(32));
        String code = LinkCode.encode(init);
        assertThat(code).startsWith("parley-link:").matches("parley-link:[A-Za-z0-9_-]+");
        assertThat(LinkCode.decode(" " + code + "\n")).isEqualTo(init);
    }

    @Test
    void damagedOrIncompleteCodesAreRejected() {
        String code = LinkCode.encode(init(32, "ws://relay.example/x"));
        assertThatThrownBy(() -> LinkCode.decode(code.substring("parley-link:".length())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a link code");
        assertThatThrownBy(() -> LinkCode.decode(code.substring(0, code.length() - 9)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LinkCode.decode(LinkCode.encode(init(16, "ws://relay.example/x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
        assertThatThrownBy(() -> LinkCode.decode(LinkCode.encode(init(32, ""))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
