/**
 * Parley's cryptography, on BouncyCastle's low-level API (no JCA provider).
 *
 * <p>Everything here fails closed with the unchecked {@link dev.parley.common.crypto.CryptoException}:
 * wrong key or nonce lengths, out-of-range offsets and low-order public keys are typed errors,
 * never index exceptions, and a box or AEAD ciphertext that does not authenticate (forged,
 * truncated, wrong key) raises {@link dev.parley.common.crypto.AuthenticationException} without
 * releasing any plaintext. Values are byte arrays or records of them; records copy their
 * arrays in and out and never print secrets.
 *
 * <p>All classes are stateless and thread-safe except {@link dev.parley.common.crypto.SecretBox}
 * instances, which hold per-message cipher state and belong to one thread (in the servers, the
 * event loop that owns the connection).
 */
package dev.parley.common.crypto;
