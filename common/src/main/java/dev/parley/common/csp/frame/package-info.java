/**
 * CSP framing after login (PROTOCOLS.md §5.4): the length-prefixed frame, its incremental
 * stream decoder, and the {@code type || reserved || data} container inside each decrypted box.
 * A {@link dev.parley.common.csp.frame.CspFrameDecoder} belongs to one connection and is used
 * only by the thread that reads that connection; everything else here is stateless.
 */
package dev.parley.common.csp.frame;
