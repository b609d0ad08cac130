package dev.parley.standalone.services;

import dev.parley.standalone.StandaloneSettings;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Starts every service as its own Spring context in this JVM and closes them in reverse order.
 * Contexts share no beans: each scans only its own package and has no parent.
 */
public final class ServiceContexts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceContexts.class);

    private final List<RunningService> running = new ArrayList<>();

    /** Starts all services; when one fails, those already started are closed before the failure is thrown. */
    public static ServiceContexts start(StandaloneSettings settings, SharedInfrastructure infrastructure) {
        ServiceContexts contexts = new ServiceContexts();
        try {
            for (ServiceKind kind : ServiceKind.values()) {
                contexts.running.add(startOne(kind, settings, infrastructure, contexts.running));
            }
            return contexts;
        } catch (RuntimeException e) {
            contexts.close();
            throw e;
        }
    }

    private static RunningService startOne(ServiceKind kind, StandaloneSettings settings, SharedInfrastructure infrastructure,
                                           List<RunningService> started) {
        long begin = System.nanoTime();
        ConfigurableApplicationContext context = kind.application()
                .bannerMode(Banner.Mode.OFF)
                // Spring Boot would name the launcher as the application of every context.
                .logStartupInfo(false)
                // The launcher's own shutdown hook closes the services before Redis and PostgreSQL.
                .registerShutdownHook(false)
                .initializers(new IsolatedReactorResources())
                .run(ServiceArguments.of(kind, settings, infrastructure, started));
        Environment environment = context.getEnvironment();
        int publicPort = environment.getRequiredProperty("local.server.port", Integer.class);
        int internalPort = environment.getProperty("local.management.port", Integer.class, publicPort);
        log.info("Started {} in {} ms", kind.id(), (System.nanoTime() - begin) / 1_000_000);
        return new RunningService(kind, context, publicPort, internalPort);
    }

    public List<RunningService> services() {
        return List.copyOf(running);
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            RunningService service = running.get(i);
            try {
                service.context().close();
            } catch (RuntimeException e) {
                log.warn("Closing {} failed", service.kind().id(), e);
            }
        }
        running.clear();
    }
}
