package dev.parley.safe.auth;

import dev.parley.common.crypto.ConstantTime;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.PasswordHash;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Password hashes for configured Basic users:
 * {@code {pbkdf2-sha256}<iterations>$<salt, base64>$<32-byte hash, base64>} with PBKDF2-HMAC-SHA256
 * from {@code common}. {@link #main} prints a hash for a password read from standard input.
 */
public final class PasswordHashes {

    public static final String PREFIX = "{pbkdf2-sha256}";
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final int MIN_ITERATIONS = 10_000;
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final int HASH_BYTES = 32;

    private PasswordHashes() {
    }

    public static String hash(String password, int iterations) {
        byte[] salt = CryptoRandom.bytes(16);
        byte[] hash = PasswordHash.pbkdf2Sha256(password.getBytes(StandardCharsets.UTF_8), salt, iterations, HASH_BYTES);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return PREFIX + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    /** Throws {@link IllegalArgumentException} (naming no secret) when {@code encoded} is not a valid hash. */
    static Parsed parse(String encoded) {
        if (encoded == null || !encoded.startsWith(PREFIX)) {
            throw new IllegalArgumentException("password hash must start with " + PREFIX);
        }
        String[] parts = encoded.substring(PREFIX.length()).split("\\$");
        if (parts.length != 3) {
            throw new IllegalArgumentException("password hash must be " + PREFIX + "<iterations>$<salt>$<hash>");
        }
        try {
            int iterations = Integer.parseInt(parts[0]);
            if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
                throw new IllegalArgumentException("password hash iterations must be between "
                        + MIN_ITERATIONS + " and " + MAX_ITERATIONS);
            }
            byte[] salt = Base64.getDecoder().decode(parts[1]);
            byte[] hash = Base64.getDecoder().decode(parts[2]);
            if (salt.length < 8 || hash.length != HASH_BYTES) {
                throw new IllegalArgumentException("password hash needs a salt of 8 or more bytes and a 32-byte hash");
            }
            return new Parsed(iterations, salt, hash);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("password hash iterations are not a number");
        }
    }

    record Parsed(int iterations, byte[] salt, byte[] hash) {

        boolean matches(byte[] password) {
            byte[] candidate = PasswordHash.pbkdf2Sha256(password, salt, iterations, HASH_BYTES);
            return ConstantTime.equals(candidate, hash);
        }
    }

    public static void main(String[] args) throws IOException {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ITERATIONS;
        System.err.println("Password (one line on standard input):");
        String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (password == null || password.isEmpty()) {
            System.err.println("no password given");
            System.exit(2);
        }
        System.out.println(hash(password, iterations));
    }
}
