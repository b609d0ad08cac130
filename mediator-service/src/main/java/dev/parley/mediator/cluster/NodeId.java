package dev.parley.mediator.cluster;

import java.util.UUID;
import org.springframework.stereotype.Component;

/** This node's random ID, used in Redis to say which node holds a device's connection. */
@Component
public class NodeId {

    private final String value = UUID.randomUUID().toString().replace("-", "");

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
