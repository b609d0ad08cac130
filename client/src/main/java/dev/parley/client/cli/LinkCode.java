package dev.parley.client.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.parley.common.rendezvous.proto.RendezvousInit;
import java.util.Base64;

/**
 * The one-line text form of a {@link RendezvousInit} (what the apps put in a QR code): the relay
 * URL with the rendezvous path, the path ID and the authentication key AK, as
 * {@code parley-link:<base64url of the protobuf>}. Whoever reads it can take part in the
 * handshake, so it is shown only to the user who links the device.
 */
final class LinkCode {

    static final String PREFIX = "parley-link:";

    private LinkCode() {
    }

    static String encode(RendezvousInit init) {
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(init.toByteArray());
    }

    static RendezvousInit decode(String code) {
        String text = code.strip();
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a link code (it starts with " + PREFIX + ")");
        }
        try {
            RendezvousInit init = RendezvousInit.parseFrom(Base64.getUrlDecoder().decode(text.substring(PREFIX.length())));
            if (init.getAk().size() != 32 || !init.hasRelayedWebSocket() || init.getRelayedWebSocket().getUrl().isEmpty()) {
                throw new IllegalArgumentException("the link code lacks the relay URL or the key");
            }
            return init;
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            throw new IllegalArgumentException("damaged link code: " + e.getMessage(), e);
        }
    }
}
