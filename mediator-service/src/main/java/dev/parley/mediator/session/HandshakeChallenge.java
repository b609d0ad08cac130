package dev.parley.mediator.session;

import dev.parley.common.crypto.ConstantTime;
import dev.parley.common.crypto.CryptoException;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.SecretBox;
import dev.parley.common.crypto.X25519;
import java.util.Arrays;

/**
 * The server's half of the D2M handshake (PROTOCOLS.md §6.3): a fresh ephemeral key and a
 * 32-byte challenge per connection. A device proves it holds DGPK.secret by answering
 * {@code nonce || box(challenge)} under X25519HSalsa20(DGPK.secret, ESK.public); the server opens
 * it with X25519HSalsa20(ESK.secret, DGID). Used once, then dropped.
 */
final class HandshakeChallenge {

    static final int RESPONSE_LENGTH = SecretBox.NONCE_BYTES + 32 + SecretBox.MAC_BYTES;

    private final X25519.KeyPair esk = X25519.generateKeyPair();
    private final byte[] challenge = CryptoRandom.bytes(32);

    byte[] ephemeralPublicKey() {
        return esk.publicKey();
    }

    byte[] challenge() {
        return challenge.clone();
    }

    boolean answeredBy(byte[] response, byte[] deviceGroupId) {
        if (response.length != RESPONSE_LENGTH) {
            return false;
        }
        byte[] nonce = Arrays.copyOf(response, SecretBox.NONCE_BYTES);
        byte[] box = Arrays.copyOfRange(response, SecretBox.NONCE_BYTES, response.length);
        try {
            byte[] opened = SecretBox.open(X25519.beforenm(esk.secretKey(), deviceGroupId), nonce, box);
            return ConstantTime.equals(opened, challenge);
        } catch (CryptoException e) {
            return false;
        }
    }
}
