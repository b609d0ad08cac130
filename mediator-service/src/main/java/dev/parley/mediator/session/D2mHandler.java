package dev.parley.mediator.session;

import dev.parley.common.codec.DecodeException;
import dev.parley.common.d2m.D2mCloseCode;
import dev.parley.common.d2m.MediatorPath;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

/**
 * Serves D2M on {@code /{prefix8}/{hex of ClientUrlInfo}} (§6.1). The path alone identifies the
 * group, so the same handler works behind one host name and behind per-prefix host names.
 */
@Component
public class D2mHandler implements WebSocketHandler {

    private static final byte[] EMPTY = new byte[0];

    private final SessionServices services;

    public D2mHandler(SessionServices services) {
        this.services = services;
    }

    @Override
    public Mono<Void> handle(WebSocketSession ws) {
        MediatorPath path;
        try {
            path = MediatorPath.parse(ws.getHandshakeInfo().getUri().getRawPath());
        } catch (DecodeException e) {
            return ws.close(new CloseStatus(D2mCloseCode.PROTOCOL_ERROR.code(), "bad mediator path"));
        }
        D2mSession session = new D2mSession(services, path.deviceGroupId());
        session.onAbort(() -> ws.close(new CloseStatus(session.closeCode(), null)).subscribe());
        Mono<Void> output = ws.send(session.outbound().map(o -> o.bytes() == null
                        ? ws.pingMessage(f -> f.wrap(EMPTY))
                        : ws.binaryMessage(f -> f.wrap(o.bytes()))))
                .then(Mono.defer(() -> ws.close(new CloseStatus(session.closeCode(), null))));
        // One message at a time: a session that must wait for storage holds the next one back,
        // and so, through the WebSocket's demand, the device's TCP window.
        // The payload is copied as it arrives: the WebSocket layer releases its buffer after this
        // step, and a message may wait in concatMap's queue.
        Mono<Void> input = ws.receive()
                .map(Inbound::of)
                .concatMap(message -> message.deliverTo(session), 1)
                .then();
        session.start();
        return Mono.when(input.doFinally(s -> session.inputEnded()), output)
                .doFinally(s -> session.terminated());
    }

    /** A message from the device: its type and, for a binary one, a copy of its bytes. */
    private record Inbound(WebSocketMessage.Type type, byte[] bytes) {

        static Inbound of(WebSocketMessage message) {
            if (message.getType() != WebSocketMessage.Type.BINARY) {
                return new Inbound(message.getType(), null);
            }
            DataBuffer payload = message.getPayload();
            byte[] bytes = new byte[payload.readableByteCount()];
            payload.read(bytes);
            return new Inbound(WebSocketMessage.Type.BINARY, bytes);
        }

        Mono<Void> deliverTo(D2mSession session) {
            switch (type) {
                case BINARY -> {
                    return session.onBinary(bytes);
                }
                case TEXT -> session.onText();
                default -> session.touch();
            }
            return Mono.empty();
        }
    }
}
