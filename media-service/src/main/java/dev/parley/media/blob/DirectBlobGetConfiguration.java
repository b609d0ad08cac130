package dev.parley.media.blob;

import dev.parley.media.MediaProperties;
import dev.parley.service.web.RequestTimers;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;

@Configuration(proxyBeanMethods = false)
class DirectBlobGetConfiguration {

    /**
     * Public downloads skip WebFlux ({@link DirectBlobGet}); with authentication configured every
     * request goes through WebFlux and its auth filter.
     */
    @Bean
    HttpHandlerDecoratorFactory directBlobGet(MediaProperties properties, BlobService blobs, MeterRegistry meters) {
        if (properties.auth().enabled()) {
            return handler -> handler;
        }
        // The template WebFlux's request observation tags these downloads with: one series for both paths.
        String uri = "/" + BlobController.BLOB_ID;
        DirectBlobGet direct = new DirectBlobGet(blobs, new RequestTimers(meters, "GET", uri),
                new RequestTimers(meters, "HEAD", uri));
        return direct::decorate;
    }
}
