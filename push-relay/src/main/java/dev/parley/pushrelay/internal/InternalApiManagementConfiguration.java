package dev.parley.pushrelay.internal;

import dev.parley.pushrelay.PushRelayProperties;
import dev.parley.service.internal.BearerSecret;
import dev.parley.service.internal.InternalEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

/**
 * Adds the internal API to the management server's context, listed in
 * {@code META-INF/spring/...ManagementContextConfiguration.imports}. It deliberately carries no
 * {@code @Configuration}/{@code @ManagementContextConfiguration} stereotype: the application's
 * component scan would otherwise also put the filter on the public port. Without the stereotype it
 * counts for any management context; when the management port equals the server port there is only
 * one server and the API is served there. The condition keeps it out of other services' management
 * servers when several services share one classpath in the standalone launcher.
 */
@ConditionalOnBean(InternalPushService.class)
class InternalApiManagementConfiguration {

    @Bean
    InternalEndpoint pushRelayInternalApiFilter(InternalPushService service, PushRelayProperties properties) {
        return new InternalEndpoint(InternalPushHandler.PATH, new BearerSecret(properties.internal().apiSecret()),
                InternalPushHandler.MAX_BODY_BYTES, InternalPushHandler.FIELD, new InternalPushHandler(service));
    }
}
