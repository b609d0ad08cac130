package dev.parley.chat.keys;

import dev.parley.chat.ChatProperties;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the server key pair at start-up when a key file is configured, so a broken file stops
 * the service before it accepts connections. The public key is shown on {@code /actuator/info}
 * for operators who hand it to clients.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("parley.chat.keys.server-key-file")
class ServerKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ServerKeyConfiguration.class);

    @Bean
    ServerKeyPair serverKeyPair(ChatProperties properties) {
        ServerKeyPair pair = ServerKeyPair.load(properties.keys().serverKeyFile());
        log.info("Chat server public key {}", pair.publicKeyHex());
        return pair;
    }

    @Bean
    InfoContributor serverKeyInfo(ServerKeyPair pair) {
        return builder -> builder.withDetail("chatServer", Map.of("publicKey", pair.publicKeyHex()));
    }
}
