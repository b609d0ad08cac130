package dev.parley.directory.work;

import dev.parley.common.crypto.ConstantTime;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Work user passwords as {@code scrypt$<log2 N>$<r>$<p>$<salt b64>$<hash b64>}: the parameters
 * travel with the hash so they can be raised later without breaking stored ones.
 */
public final class Passwords {

    static final int LOG_N = 15;
    static final int R = 8;
    static final int P = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int MAX_LOG_N = 20;

    private Passwords() {
    }

    public static String hash(String password) {
        byte[] salt = CryptoRandom.bytes(SALT_BYTES);
        byte[] hash = PasswordHash.scrypt(password.getBytes(StandardCharsets.UTF_8), salt, 1 << LOG_N, R, P, HASH_BYTES);
        Base64.Encoder b64 = Base64.getEncoder();
        return "scrypt$" + LOG_N + "$" + R + "$" + P + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    public static boolean matches(String password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 6 || !parts[0].equals("scrypt")) {
            return false;
        }
        int logN = Integer.parseInt(parts[1]);
        if (logN < 1 || logN > MAX_LOG_N) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[4]);
        byte[] expected = Base64.getDecoder().decode(parts[5]);
        byte[] actual = PasswordHash.scrypt(password.getBytes(StandardCharsets.UTF_8), salt, 1 << logN,
                Integer.parseInt(parts[2]), Integer.parseInt(parts[3]), expected.length);
        return ConstantTime.equals(expected, actual);
    }
}
