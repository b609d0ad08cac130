package dev.parley.mediator.session;

import dev.parley.mediator.MediatorProperties;
import dev.parley.mediator.cluster.DeviceRegistry;
import dev.parley.mediator.cluster.Leases;
import dev.parley.mediator.cluster.NodeId;
import dev.parley.mediator.proxy.CspConnector;
import dev.parley.mediator.reflection.ReflectionQueue;
import dev.parley.mediator.reflection.ReflectionWriter;
import dev.parley.mediator.slot.DeviceSlots;
import dev.parley.service.jdbc.BlockingJdbc;
import org.springframework.stereotype.Component;

/** What every D2M connection uses, in one place so that a session takes one constructor argument. */
@Component
public record SessionServices(MediatorProperties properties, NodeId node, BlockingJdbc jdbc, DeviceSlots slots,
                              ReflectionQueue queue, ReflectionWriter writer, DeviceRegistry registry, Leases leases,
                              GroupEvents events, LocalSessions local, CspConnector csp,
                              SessionMetrics metrics) {
}
