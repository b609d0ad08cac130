package dev.parley.testsupport.postgres;

/**
 * A server and how to let go of it. {@code dropDatabasesOnStop} is true for servers that outlive
 * the test JVM.
 */
record StartedPostgres(PostgresServer server, String origin, boolean dropDatabasesOnStop, AutoCloseable stopper) {
}
