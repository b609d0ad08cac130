package dev.parley.common.crypto;

/**
 * Any failure of a cryptographic operation: bad key or nonce lengths, malformed input,
 * low-order public keys. Unchecked because callers on protocol paths translate it into the
 * protocol's own error in one place rather than at every call.
 */
public class CryptoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
