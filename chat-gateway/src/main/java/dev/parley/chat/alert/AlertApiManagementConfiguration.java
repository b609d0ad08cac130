package dev.parley.chat.alert;

import dev.parley.chat.ChatProperties;
import dev.parley.service.internal.BearerSecret;
import dev.parley.service.internal.InternalEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

/**
 * Puts the alert API on the management server, listed in
 * {@code META-INF/spring/...ManagementContextConfiguration.imports}. It has no
 * {@code @Configuration} stereotype on purpose: the component scan would otherwise put the filter on
 * the public port too. The condition keeps it out of the other services' management servers when
 * the standalone launcher runs them all on one classpath.
 */
@ConditionalOnBean(OperatorAlerts.class)
class AlertApiManagementConfiguration {

    @Bean
    InternalEndpoint chatAlertApiFilter(OperatorAlerts alerts, ChatProperties properties) {
        return new InternalEndpoint(AlertHandler.PATH, new BearerSecret(properties.internal().apiSecret()),
                AlertRequest.MAX_BODY_BYTES, AlertHandler.ERROR_FIELD, new AlertHandler(alerts));
    }
}
