package dev.parley.pushrelay.gateway;

import dev.parley.common.crypto.Box;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.encoding.Hex;
import dev.parley.pushrelay.push.ProviderClient;
import dev.parley.pushrelay.push.PushException;
import dev.parley.pushrelay.push.PushException.Kind;
import dev.parley.pushrelay.push.UpstreamResponse;
import dev.parley.pushrelay.push.WireProtocol;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Threema Gateway {@code send_e2e}: the wake-up travels as an end-to-end message of type 0xfe
 * (web-session-resume) with one byte of padding, boxed from the gateway identity to the recipient.
 */
public final class ThreemaGatewaySender implements AutoCloseable {

    static final byte MESSAGE_TYPE_WEB_SESSION_RESUME = (byte) 0xfe;

    private final ProviderClient client;
    private final String identity;
    private final String secret;
    private final byte[] privateKey;
    private final JsonMapper json;

    public ThreemaGatewaySender(URI baseUrl, String identity, String secret, byte[] privateKey, Duration timeout,
            int maxConnections, JsonMapper json) {
        this.client = new ProviderClient("threema-gateway", baseUrl, timeout, maxConnections, WireProtocol.NEGOTIATED);
        this.identity = identity;
        this.secret = secret;
        this.privateKey = privateKey.clone();
        this.json = json;
    }

    public Mono<Void> send(String recipient, byte[] recipientPublicKey, ObjectNode payload) {
        byte[] body;
        try {
            byte[] message = json.writeValueAsBytes(payload);
            byte[] plaintext = new byte[message.length + 2];
            plaintext[0] = MESSAGE_TYPE_WEB_SESSION_RESUME;
            System.arraycopy(message, 0, plaintext, 1, message.length);
            plaintext[plaintext.length - 1] = 0x01;
            byte[] nonce = CryptoRandom.bytes(Box.NONCE_BYTES);
            byte[] box = Box.seal(privateKey, recipientPublicKey, nonce, plaintext);
            body = ("secret=" + form(secret) + "&from=" + form(identity) + "&to=" + form(recipient)
                    + "&noPush=1&noDeliveryReceipts=1&nonce=" + Hex.encode(nonce) + "&box=" + Hex.encode(box))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return Mono.error(new PushException(Kind.INTERNAL, "gateway: cannot build the box"));
        }
        return client.post("/send_e2e", h -> {
                    h.set(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded");
                    h.set(HttpHeaderNames.ACCEPT, "application/json");
                }, body)
                .flatMap(this::handle);
    }

    private Mono<Void> handle(UpstreamResponse response) {
        return switch (response.status()) {
            case 200 -> Mono.empty();
            case 400, 401, 402, 413 -> Mono.error(new PushException(Kind.REMOTE_SERVER,
                    "gateway: HTTP " + response.status()));
            default -> Mono.error(new PushException(Kind.INTERNAL, "gateway: unexpected HTTP " + response.status()));
        };
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.close();
    }
}
