package dev.parley.standalone.services;

import org.springframework.context.ConfigurableApplicationContext;

/** A started service context and the ports it actually listens on. */
public record RunningService(ServiceKind kind, ConfigurableApplicationContext context, int publicPort, int internalPort) {
}
