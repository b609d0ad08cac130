package dev.parley.common.crypto;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * HMAC (RFC 2104). SHA-256 for contact-matching hashes; SHA-1 only because TURN REST
 * credentials (the coturn shared-secret scheme) are defined with it.
 */
public final class Hmac {

    private Hmac() {
    }

    public static byte[] sha256(byte[] key, byte[] message) {
        return mac(new SHA256Digest(), key, message);
    }

    public static byte[] sha1(byte[] key, byte[] message) {
        return mac(new SHA1Digest(), key, message);
    }

    private static byte[] mac(Digest digest, byte[] key, byte[] message) {
        Checks.notNull(key, "HMAC key");
        Checks.notNull(message, "message");
        HMac hmac = new HMac(digest);
        hmac.init(new KeyParameter(key));
        hmac.update(message, 0, message.length);
        byte[] out = new byte[hmac.getMacSize()];
        hmac.doFinal(out, 0);
        return out;
    }
}
