package dev.parley.mediator.web;

import dev.parley.common.d2m.D2mContainer;
import dev.parley.common.d2m.rendezvous.RendezvousPath;
import dev.parley.mediator.rendezvous.RendezvousHandler;
import dev.parley.mediator.session.D2mHandler;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * Both WebSocket endpoints share the public port and the path shape {@code /{prefix8}/{segment}}:
 * a segment of exactly 64 hex characters is a rendezvous path; a D2M segment is the hex of a
 * ClientUrlInfo, which is never that short (it alone holds the 32-byte DGID plus its field
 * header and the server group). Anything else is refused by the handler it reaches with that
 * protocol's close code.
 */
@Configuration(proxyBeanMethods = false)
class MediatorWebSockets {

    /**
     * WebSocket frames up to twice the largest D2M message are read and answered with the
     * protocol's own close code (4010); beyond that the transport closes with 1009 before
     * buffering more.
     */
    static final int MAX_FRAME = 2 * D2mContainer.MAX_LENGTH;

    @Bean
    HandlerMapping webSocketMapping(D2mHandler d2m, RendezvousHandler rendezvous) {
        WebSocketHandler router = session -> {
            String path = session.getHandshakeInfo().getUri().getRawPath();
            boolean isRendezvous = path.length() == 4 + RendezvousPath.LENGTH;
            return isRendezvous ? rendezvous.handle(session) : d2m.handle(session);
        };
        // Only this shape, so that other paths (the actuator's, in the management context that
        // inherits this mapping) never reach the WebSocket handlers.
        SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(
                Map.of("/{prefix:[0-9a-fA-F][0-9a-fA-F]}/{segment:[0-9a-zA-Z]+}", router));
        mapping.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return mapping;
    }

    @Bean
    WebSocketHandlerAdapter webSocketHandlerAdapter() {
        ReactorNettyRequestUpgradeStrategy upgrade = new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(MAX_FRAME));
        return new WebSocketHandlerAdapter(new HandshakeWebSocketService(upgrade));
    }
}
