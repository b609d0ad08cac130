package dev.parley.media;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MediaApplication {

    /**
     * The service's defaults live in {@code media.yml}, not {@code application.yml}, because
     * the standalone launcher puts every service on one classpath where only one
     * {@code application.yml} would be found. {@code application.yml} stays available for
     * operator overrides and wins over the defaults.
     */
    public static final String CONFIG_NAME = "media,application";

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(MediaApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
