package dev.parley.chat.csp;

import dev.parley.chat.identity.IdentityKeys;
import dev.parley.chat.message.MessageRouter;
import dev.parley.chat.push.PushTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** What a CSP connection handler uses of the rest of the server, handed to each new connection. */
@Component
record CspServices(IdentityKeys keys, Connections connections, MessageRouter router, PushTokens pushTokens,
                   DeviceCookies deviceCookies, MeterRegistry meters) {
}
