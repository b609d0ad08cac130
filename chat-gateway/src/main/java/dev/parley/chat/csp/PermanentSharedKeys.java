package dev.parley.chat.csp;

import dev.parley.chat.keys.ServerKeyPair;
import dev.parley.common.crypto.X25519;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * X25519HSalsa20(SK.secret, CK.public) per client key: half of the vouch (PROTOCOLS.md §5.2) that
 * depends only on the two permanent keys, so a reconnecting client costs one scalar
 * multiplication less. Keyed by the public key itself, so a changed key can never hit an old
 * entry; bounded, least recently used out. It is as sensitive as the server key the process
 * already holds.
 */
final class PermanentSharedKeys {

    static final int MAX_ENTRIES = 50_000;

    private final byte[] serverSecretKey;
    private final Map<ByteBuffer, byte[]> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, byte[]> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    PermanentSharedKeys(ServerKeyPair serverKey) {
        this.serverSecretKey = serverKey.secretKey();
    }

    byte[] with(byte[] clientPublicKey) {
        ByteBuffer key = ByteBuffer.wrap(clientPublicKey.clone());
        synchronized (cache) {
            byte[] shared = cache.get(key);
            if (shared != null) {
                return shared;
            }
        }
        byte[] shared = X25519.beforenm(serverSecretKey, clientPublicKey);
        synchronized (cache) {
            cache.put(key, shared);
        }
        return shared;
    }
}
