/**
 * OnPrem {@code Authorization: Token <t>} tokens: the directory issues them, media and safe
 * verify them offline with the shared secret {@code parley.auth-token.secret}, so no service
 * calls the directory per request.
 *
 * <p>Token layout before URL-safe base64 (no padding):
 * {@code version(1) = 1 || expiresAt(8, big-endian epoch seconds) || subject (UTF-8) || HMAC-SHA256(32)}.
 * The MAC covers a fixed domain-separation label followed by every byte before the MAC, so a
 * token cannot be reused as any other HMAC-signed value made with the same secret. Spring-free.
 */
package dev.parley.common.authtoken;
