package dev.parley.common.crypto;

/**
 * A ciphertext failed authentication: forged or corrupted MAC, wrong key or nonce, or a box
 * too short to hold its MAC. Deliberately carries no detail about which of these it was.
 */
public class AuthenticationException extends CryptoException {

    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message);
    }
}
