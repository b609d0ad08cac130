/**
 * Where object bytes live, for every service that keeps them outside PostgreSQL: a small seam
 * with no service-specific types. {@link dev.parley.blobstore.BlobStore} has a filesystem and an
 * S3 implementation; both are all-or-nothing on put and replace and stream in both directions.
 * It is its own module so that only the services that store objects carry the AWS SDK.
 *
 * <p>Threads: callers may subscribe on an event loop. Blocking file-system calls are moved to the
 * scheduler given to each store. S3 downloads and uploads ({@link dev.parley.blobstore.S3Objects})
 * run on Reactor Netty's event loops, which the services also serve from; the SDK's other calls
 * (deletes, HEADs, snapshots) on the SDK's own Netty event loops.
 */
package dev.parley.blobstore;
