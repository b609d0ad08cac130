package dev.parley.directory.linking;

import dev.parley.directory.DirectoryProperties;
import dev.parley.directory.DirectoryProperties.Sms;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** Builds the configured {@link SmsProvider}. */
@Configuration(proxyBeanMethods = false)
class SmsProviders {

    private static final Logger log = LoggerFactory.getLogger(SmsProviders.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Bean
    SmsProvider smsProvider(DirectoryProperties properties) {
        Sms sms = properties.linking().sms();
        return switch (sms.provider()) {
            case LOGGING -> logging();
            case WEBHOOK -> webhook(sms);
        };
    }

    /**
     * For a laptop or a test install without an SMS gateway: the operator reads the code from the
     * log. The number is shortened to its last digits.
     */
    static SmsProvider logging() {
        return (kind, number, code, text) -> Mono.fromRunnable(() -> log.info("Verification {} for number ending {}: code {}",
                kind.name().toLowerCase(Locale.ROOT), tail(number), code));
    }

    static SmsProvider webhook(Sms sms) {
        if (sms.webhookUrl() == null || sms.webhookUrl().isBlank()) {
            throw new IllegalStateException("parley.directory.linking.sms.webhook-url is required for the webhook provider");
        }
        WebClient client = WebClient.builder().baseUrl(sms.webhookUrl()).build();
        return (kind, number, code, text) -> {
            String body = sms.template()
                    .replace("{kind}", json(kind.name().toLowerCase(Locale.ROOT)))
                    .replace("{to}", json(number))
                    .replace("{code}", json(code))
                    .replace("{text}", json(text));
            WebClient.RequestBodySpec request = client.post().contentType(MediaType.APPLICATION_JSON);
            if (sms.webhookAuthorization() != null && !sms.webhookAuthorization().isBlank()) {
                request = request.header(HttpHeaders.AUTHORIZATION, sms.webhookAuthorization());
            }
            return request.bodyValue(body).retrieve().toBodilessEntity().timeout(TIMEOUT).then();
        };
    }

    /** Escapes a value for a JSON string literal in the template. */
    static String json(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String tail(String number) {
        return number.length() <= 3 ? "***" : number.substring(number.length() - 3);
    }
}
