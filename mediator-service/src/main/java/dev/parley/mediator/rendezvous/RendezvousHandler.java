package dev.parley.mediator.rendezvous;

import dev.parley.common.codec.DecodeException;
import dev.parley.common.d2m.rendezvous.RendezvousPath;
import dev.parley.mediator.MediatorProperties;
import java.net.InetSocketAddress;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

/**
 * The rendezvous relay (§6.6) on {@code /{prefix8}/{64 hex}}: pairs two connections per path and
 * forwards binary messages between them verbatim. It never parses what it forwards; the devices'
 * handshake is end-to-end encrypted.
 */
@Component
public class RendezvousHandler implements WebSocketHandler {

    private final RendezvousRooms rooms;
    private final MediatorProperties.Rendezvous config;

    RendezvousHandler(RendezvousRooms rooms, MediatorProperties properties) {
        this.rooms = rooms;
        this.config = properties.rendezvous();
    }

    @Override
    public Mono<Void> handle(WebSocketSession ws) {
        RendezvousPath path;
        try {
            path = RendezvousPath.parseRequestPath(ws.getHandshakeInfo().getUri().getRawPath());
        } catch (DecodeException e) {
            return ws.close(new CloseStatus(RendezvousPeer.BAD_PATH_OR_FULL, "bad path"));
        }
        InetSocketAddress remote = ws.getHandshakeInfo().getRemoteAddress();
        String address = remote == null ? "unknown" : remote.getAddress().getHostAddress();
        if (!rooms.takeAddress(address, config.maxConnectionsPerIp())) {
            return ws.close(new CloseStatus(RendezvousPeer.BAD_PATH_OR_FULL, "too many connections"));
        }
        RendezvousPeer peer = new RendezvousPeer(config.maxBufferedBytes());
        RendezvousRoom room = rooms.join(path.value(), peer);
        if (room == null) {
            rooms.releaseAddress(address);
            return ws.close(new CloseStatus(RendezvousPeer.BAD_PATH_OR_FULL, "path full"));
        }
        Mono<Void> output = ws.send(peer.outbound().map(bytes -> ws.binaryMessage(f -> f.wrap(bytes))))
                .then(Mono.defer(() -> ws.close(new CloseStatus(peer.closeCode(), null))));
        Mono<Void> input = ws.receive().doOnNext(message -> received(peer, message)).then();
        int[] sentCode = {-1};
        ws.closeStatus().subscribe(status -> sentCode[0] = status.getCode(), e -> { });
        long idleNanos = config.idleTimeout().toNanos();
        Disposable timers = Disposables.composite(
                Mono.delay(config.peerTimeout()).subscribe(x -> {
                    if (!room.paired()) {
                        peer.close(RendezvousPeer.PEER_TIMEOUT);
                    }
                }),
                Flux.interval(config.idleTimeout().dividedBy(4)).subscribe(x -> {
                    if (System.nanoTime() - peer.lastActivity() > idleNanos) {
                        peer.close(1000);
                    }
                }));
        return Mono.when(input.doFinally(s -> peer.close(1000)), output)
                .doFinally(s -> {
                    timers.dispose();
                    room.left(peer, sentCode[0]);
                    rooms.releaseAddress(address);
                });
    }

    private static void received(RendezvousPeer peer, WebSocketMessage message) {
        if (message.getType() != WebSocketMessage.Type.BINARY) {
            return;
        }
        DataBuffer payload = message.getPayload();
        byte[] bytes = new byte[payload.readableByteCount()];
        payload.read(bytes);
        peer.received(bytes);
    }
}
