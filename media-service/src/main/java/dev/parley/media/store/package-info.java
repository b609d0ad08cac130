/**
 * Where blob bytes live: a small seam with no media-specific types, so it can move to
 * {@code common} unchanged. {@link dev.parley.media.store.BlobStore} has a filesystem and an S3
 * implementation; both are all-or-nothing on put and stream in both directions.
 *
 * <p>Threads: callers may subscribe on an event loop. Blocking file-system calls are moved to the
 * scheduler given to each store; the S3 client runs on its own Netty event loops.
 */
package dev.parley.media.store;
