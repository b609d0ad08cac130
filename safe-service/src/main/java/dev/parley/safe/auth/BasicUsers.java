package dev.parley.safe.auth;

import dev.parley.common.crypto.ConstantTime;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.Hmac;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configured Basic users. PBKDF2 is deliberately slow, so after a user's password has been
 * verified once its keyed digest (HMAC with a per-process random key, never the password itself)
 * is remembered, and later requests compare digests in constant time instead of re-running PBKDF2.
 * An unknown user costs the same PBKDF2 run as a wrong password, so responses do not reveal
 * which names exist.
 */
final class BasicUsers {

    private final Map<String, PasswordHashes.Parsed> users;
    private final PasswordHashes.Parsed decoy;
    private final byte[] cacheKey = CryptoRandom.bytes(32);
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();

    BasicUsers(Map<String, String> configured) {
        Map<String, PasswordHashes.Parsed> parsed = new HashMap<>();
        configured.forEach((user, hash) -> {
            try {
                parsed.put(user, PasswordHashes.parse(hash));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("parley.safe.auth.basic.users." + user + ": " + e.getMessage());
            }
        });
        this.users = Map.copyOf(parsed);
        this.decoy = PasswordHashes.parse(PasswordHashes.hash("decoy", users.values().stream()
                .mapToInt(PasswordHashes.Parsed::iterations).max().orElse(PasswordHashes.DEFAULT_ITERATIONS)));
    }

    boolean isEmpty() {
        return users.isEmpty();
    }

    /** Blocking when the password is not yet cached (PBKDF2): call it off the event loop. */
    boolean verify(String user, String password) {
        byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
        PasswordHashes.Parsed hash = users.get(user);
        if (hash == null) {
            decoy.matches(passwordBytes);
            return false;
        }
        byte[] digest = Hmac.sha256(cacheKey, passwordBytes);
        byte[] known = verified.get(user);
        if (known != null && ConstantTime.equals(known, digest)) {
            return true;
        }
        if (hash.matches(passwordBytes)) {
            verified.put(user, digest);
            return true;
        }
        return false;
    }

    /** True when the password is already known good, answerable without PBKDF2. */
    boolean verifiedBefore(String user, String password) {
        byte[] known = verified.get(user);
        return known != null && ConstantTime.equals(known, Hmac.sha256(cacheKey, password.getBytes(StandardCharsets.UTF_8)));
    }
}
