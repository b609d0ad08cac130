package dev.parley.testsupport.redis;

/** A Redis server and how to let go of it. */
record StartedRedis(RedisEndpoint endpoint, String origin, AutoCloseable stopper) {
}
