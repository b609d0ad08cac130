/**
 * The chat gateway's push API on the management port.
 *
 * <p>Threads: the endpoint (service-support's {@code InternalEndpoint} with {@code InternalPushHandler})
 * runs on the management server's event loop and only authenticates, parses and offers to a
 * {@code ProviderQueue}. A queue's items and its in-flight count are
 * shared between the offering event loop and the threads that finish sends (provider client event
 * loops, or the parallel scheduler that starts sends); both are lock-free ({@code ArrayBlockingQueue},
 * an atomic counter), and whichever thread offers or finishes drains. No state is kept per identity.
 */
package dev.parley.pushrelay.internal;
