package dev.parley.common.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;

/** SHA-256 over one or more concatenated parts. */
public final class Sha256 {

    public static final int BYTES = 32;

    private Sha256() {
    }

    public static byte[] hash(byte[]... parts) {
        SHA256Digest digest = new SHA256Digest();
        for (byte[] part : parts) {
            Checks.notNull(part, "input");
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[BYTES];
        digest.doFinal(out, 0);
        return out;
    }
}
