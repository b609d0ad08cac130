package dev.parley.client.load;

import dev.parley.common.crypto.X25519;
import dev.parley.common.identity.ThreemaId;

/**
 * A simulated user: its Threema ID and key pair. The vouch's permanent half, SS(CK, SK), depends
 * only on the identity and the server key, so it is computed once per identity and reused on
 * every login (the generator's own cost per login drops from five X25519 operations to four).
 */
public final class LoadIdentity {

    private final ThreemaId id;
    private final byte[] idBytes;
    private final X25519.KeyPair keys;
    /** SS(CK, SK) and the server key it was computed for, published together. */
    private record Permanent(byte[] serverKey, byte[] shared) {
    }

    private volatile Permanent permanent;

    public LoadIdentity(ThreemaId id, X25519.KeyPair keys) {
        this.id = id;
        this.idBytes = id.toBytes();
        this.keys = keys;
    }

    public ThreemaId id() {
        return id;
    }

    /** The 8 ASCII bytes of the ID; do not modify. */
    public byte[] idBytes() {
        return idBytes;
    }

    public X25519.KeyPair keys() {
        return keys;
    }

    /** SS(CK, SK) for {@code serverKey}, cached. */
    public byte[] permanentShared(byte[] serverKey) {
        Permanent cached = permanent;
        if (cached != null && java.util.Arrays.equals(cached.serverKey(), serverKey)) {
            return cached.shared();
        }
        byte[] shared = X25519.beforenm(keys.secretKey(), serverKey);
        permanent = new Permanent(serverKey.clone(), shared);
        return shared;
    }

    @Override
    public String toString() {
        return id.toString();
    }
}
