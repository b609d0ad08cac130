package dev.parley.media;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MediaConfiguration {

    /** Every expiry decision reads this clock, so tests can move time forward instead of sleeping. */
    @Bean
    Clock mediaClock() {
        return Clock.systemUTC();
    }
}
