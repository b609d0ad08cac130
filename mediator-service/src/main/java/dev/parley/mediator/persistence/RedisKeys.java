package dev.parley.mediator.persistence;

import dev.parley.mediator.MediatorProperties;
import org.springframework.stereotype.Component;

/** Builds this service's Redis keys, all under its configured prefix. */
@Component
public class RedisKeys {

    private final String prefix;

    public RedisKeys(MediatorProperties properties) {
        this.prefix = properties.redis().keyPrefix();
    }

    public String key(String name) {
        return prefix + name;
    }
}
