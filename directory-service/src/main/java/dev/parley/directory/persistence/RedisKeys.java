package dev.parley.directory.persistence;

import dev.parley.directory.DirectoryProperties;
import org.springframework.stereotype.Component;

/** Builds this service's Redis keys, all under its configured prefix. */
@Component
public class RedisKeys {

    private final String prefix;

    public RedisKeys(DirectoryProperties properties) {
        this.prefix = properties.redis().keyPrefix();
    }

    public String key(String name) {
        return prefix + name;
    }
}
