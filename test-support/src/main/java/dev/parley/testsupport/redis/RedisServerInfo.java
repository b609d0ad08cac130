package dev.parley.testsupport.redis;

/**
 * The shared test Redis and the key prefix reserved for one test class. Tests share the server's
 * keyspace, so every key a test writes starts with {@code keyPrefix}.
 */
public record RedisServerInfo(String host, int port, String keyPrefix) {

    public String uri() {
        return "redis://" + host + ":" + port;
    }

    public String key(String name) {
        return keyPrefix + name;
    }
}
