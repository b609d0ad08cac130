/**
 * The blob server API: upload, download, done.
 *
 * <p>Threads: request handling and the multipart stream run on Reactor Netty's event loops and
 * never block. JDBC runs on {@code BlockingJdbc}'s bounded scheduler ({@code media-jdbc-*});
 * file-system calls that block (open, fsync, rename, delete) on the store scheduler
 * ({@code media-store-*}); file writes complete on the JDK's asynchronous-channel threads. No
 * state is shared between requests except the database, the blob store and Redis: an upload's
 * byte counter and its temporary file belong to that one request's subscription.
 */
package dev.parley.media.blob;
