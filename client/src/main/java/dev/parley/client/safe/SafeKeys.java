package dev.parley.client.safe;

import dev.parley.common.crypto.PasswordHash;
import dev.parley.common.encoding.Hex;
import dev.parley.common.identity.ThreemaId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The two halves of the Safe master key: {@code scrypt(password, salt = identity, N = 65536,
 * r = 8, p = 1, 64 bytes)}; the first 32 bytes are the backup ID the server files the backup
 * under, the last 32 the secretbox key it never sees.
 */
public record SafeKeys(byte[] backupId, byte[] encryptionKey) {

    public static final int SCRYPT_N = 65536;
    public static final int SCRYPT_R = 8;
    public static final int SCRYPT_P = 1;
    public static final int MASTER_KEY_BYTES = 64;

    public SafeKeys {
        if (backupId.length != 32 || encryptionKey.length != 32) {
            throw new IllegalArgumentException("backup ID and key are 32 bytes each");
        }
        backupId = backupId.clone();
        encryptionKey = encryptionKey.clone();
    }

    /** Derives the keys; costs 64 MiB of memory and a noticeable fraction of a second on purpose. */
    public static SafeKeys derive(ThreemaId identity, String password) {
        byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
        byte[] master = PasswordHash.scrypt(passwordBytes, identity.value().getBytes(StandardCharsets.UTF_8),
                SCRYPT_N, SCRYPT_R, SCRYPT_P, MASTER_KEY_BYTES);
        try {
            return new SafeKeys(Arrays.copyOfRange(master, 0, 32), Arrays.copyOfRange(master, 32, 64));
        } finally {
            Arrays.fill(master, (byte) 0);
            Arrays.fill(passwordBytes, (byte) 0);
        }
    }

    @Override
    public byte[] backupId() {
        return backupId.clone();
    }

    @Override
    public byte[] encryptionKey() {
        return encryptionKey.clone();
    }

    /** The ID as it appears in the URL: 64 lowercase hex characters. */
    public String backupIdHex() {
        return Hex.encode(backupId);
    }

    @Override
    public String toString() {
        return "SafeKeys[<redacted>]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SafeKeys that && Arrays.equals(backupId, that.backupId)
                && Arrays.equals(encryptionKey, that.encryptionKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(backupId);
    }
}
