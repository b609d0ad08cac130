/**
 * Pure codecs for the Chat Server Protocol (PROTOCOLS.md §5), split by protocol phase:
 * <ul>
 *   <li>{@link dev.parley.common.csp.handshake}: the fixed-size handshake messages on the raw TCP
 *       stream (§5.2) and the plaintexts inside their boxes;</li>
 *   <li>{@link dev.parley.common.csp.extension}: the login extensions (§5.3), including the
 *       bitmask reading of extension 0x02;</li>
 *   <li>{@link dev.parley.common.csp.frame}: frames after login and the container inside each
 *       decrypted box (§5.4);</li>
 *   <li>{@link dev.parley.common.csp.payload}: payload types and payload structs (§5.5, §5.6).</li>
 * </ul>
 * Encryption is not done here: boxes are opaque bytes in, opaque bytes out. The conventions
 * shared by every codec are in {@link dev.parley.common.codec}.
 */
package dev.parley.common.csp;
