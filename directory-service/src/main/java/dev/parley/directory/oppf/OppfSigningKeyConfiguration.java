package dev.parley.directory.oppf;

import dev.parley.directory.DirectoryProperties;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the OPPF signing key at start-up when a key file is configured, so a broken file stops
 * the service early. The public key is shown on {@code /actuator/info}: clients verify the
 * provisioning document with it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("parley.directory.oppf.signing-key-file")
class OppfSigningKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OppfSigningKeyConfiguration.class);

    @Bean
    OppfSigningKey oppfSigningKey(DirectoryProperties properties) {
        OppfSigningKey key = OppfSigningKey.load(properties.oppf().signingKeyFile());
        log.info("OPPF signing public key {}", key.publicKeyHex());
        return key;
    }

    @Bean
    InfoContributor oppfSigningKeyInfo(OppfSigningKey key) {
        return builder -> builder.withDetail("oppf", Map.of("signingPublicKey", key.publicKeyHex()));
    }
}
