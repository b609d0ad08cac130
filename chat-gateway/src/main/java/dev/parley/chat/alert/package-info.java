/**
 * Operator alerts (CSP payload 0xe1) through the chat gateway's internal API.
 *
 * <p>Threads: the endpoint runs on the management server's event loop and only validates, hands
 * each connection its container (sealed and written on that connection's own event loop, so the
 * server's nonce order holds) and publishes to Redis. Alerts from other nodes arrive on a Redis
 * thread and take the same way to the connections. Nothing is kept per alert.
 */
package dev.parley.chat.alert;
