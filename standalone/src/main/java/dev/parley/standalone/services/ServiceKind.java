package dev.parley.standalone.services;

import dev.parley.chat.ChatGatewayApplication;
import dev.parley.directory.DirectoryApplication;
import dev.parley.media.MediaApplication;
import dev.parley.mediator.MediatorApplication;
import dev.parley.pushrelay.PushRelayApplication;
import dev.parley.safe.SafeApplication;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Every service the launcher starts, in start order, with the defaults of its own module. */
public enum ServiceKind {

    DIRECTORY("directory", "parley.directory", 8081, 9081, true, DirectoryApplication::application),
    MEDIA("media", "parley.media", 8082, 9082, true, MediaApplication::application),
    SAFE("safe", "parley.safe", 8083, 9083, true, SafeApplication::application),
    PUSH_RELAY("push-relay", "parley.push-relay", 8084, 9084, false, PushRelayApplication::application),
    CHAT("chat", "parley.chat", 8086, 9086, true, ChatGatewayApplication::application),
    MEDIATOR("mediator", "parley.mediator", 8085, 9085, true, MediatorApplication::application);

    private final String id;
    private final String propertyPrefix;
    private final int defaultPublicPort;
    private final int defaultInternalPort;
    private final boolean usesStorage;
    private final Supplier<SpringApplicationBuilder> application;

    ServiceKind(String id, String propertyPrefix, int defaultPublicPort, int defaultInternalPort, boolean usesStorage,
            Supplier<SpringApplicationBuilder> application) {
        this.id = id;
        this.propertyPrefix = propertyPrefix;
        this.defaultPublicPort = defaultPublicPort;
        this.defaultInternalPort = defaultInternalPort;
        this.usesStorage = usesStorage;
        this.application = application;
    }

    public String id() {
        return id;
    }

    public String propertyPrefix() {
        return propertyPrefix;
    }

    public int defaultPublicPort() {
        return defaultPublicPort;
    }

    public int defaultInternalPort() {
        return defaultInternalPort;
    }

    /** True for services with a PostgreSQL schema and Redis keys of their own. */
    public boolean usesStorage() {
        return usesStorage;
    }

    /** The service's own builder, so the launcher starts it exactly as its {@code main} does. */
    public SpringApplicationBuilder application() {
        return application.get();
    }
}
