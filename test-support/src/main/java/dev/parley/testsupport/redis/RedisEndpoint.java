package dev.parley.testsupport.redis;

/** Where a running Redis listens. */
public record RedisEndpoint(String host, int port) {
}
