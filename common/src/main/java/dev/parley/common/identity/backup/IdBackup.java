package dev.parley.common.identity.backup;

import dev.parley.common.crypto.ConstantTime;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.PasswordHash;
import dev.parley.common.crypto.Sha256;
import dev.parley.common.crypto.XSalsa20;
import dev.parley.common.encoding.Base32;
import dev.parley.common.identity.ThreemaId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The ID backup string of the Threema Cryptography Whitepaper ("ID Export"), as the clients
 * produce and accept it.
 *
 * <pre>
 * plain  = identity (8 ASCII bytes) || secret key (32) || SHA-256(identity || secret key)[0..2]
 * key    = PBKDF2-HMAC-SHA256(UTF-8 password, salt, 100000 iterations, 32 bytes)
 * backup = salt (8 random bytes) || XSalsa20(key, nonce = 24 zero bytes) XOR plain      (50 bytes)
 * text   = base32(backup), 80 characters, in dash-separated groups of four
 * </pre>
 *
 * The zero nonce is safe only because every backup draws a fresh salt and so a fresh key. The
 * format has no MAC: the two check bytes are all that detect a wrong password.
 */
public final class IdBackup {

    public static final int MIN_PASSWORD_LENGTH = 8;
    public static final int PBKDF2_ITERATIONS = 100_000;

    static final int SALT_BYTES = 8;
    static final int CHECK_BYTES = 2;
    static final int PLAIN_BYTES = ThreemaId.LENGTH + 32 + CHECK_BYTES;
    static final int BACKUP_BYTES = SALT_BYTES + PLAIN_BYTES;
    private static final int MAX_TEXT_CHARS = 400;

    private static final byte[] ZERO_NONCE = new byte[XSalsa20.NONCE_BYTES];

    private IdBackup() {
    }

    /** Encrypts {@code data} under {@code password} (at least 8 characters) with a fresh random salt. */
    public static String encode(IdBackupData data, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            throw new IdBackupException(IdBackupException.Reason.PASSWORD_TOO_SHORT,
                    "backup password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        return encode(data, password, CryptoRandom.bytes(SALT_BYTES));
    }

    static String encode(IdBackupData data, String password, byte[] salt) {
        byte[] identity = data.identity().toBytes();
        byte[] secret = data.secretKey();
        byte[] plain = new byte[PLAIN_BYTES];
        System.arraycopy(identity, 0, plain, 0, identity.length);
        System.arraycopy(secret, 0, plain, identity.length, secret.length);
        byte[] check = Sha256.hash(identity, secret);
        System.arraycopy(check, 0, plain, identity.length + secret.length, CHECK_BYTES);

        byte[] key = deriveKey(password, salt);
        byte[] backup = new byte[BACKUP_BYTES];
        System.arraycopy(salt, 0, backup, 0, SALT_BYTES);
        XSalsa20.xor(key, ZERO_NONCE, plain, 0, PLAIN_BYTES, backup, SALT_BYTES);
        Arrays.fill(key, (byte) 0);
        Arrays.fill(plain, (byte) 0);
        Arrays.fill(secret, (byte) 0);
        return group(Base32.encode(backup));
    }

    /**
     * Decrypts a backup string. Dashes and whitespace are ignored and case does not matter, so
     * whatever a user pastes or types works.
     *
     * @throws IdBackupException {@code MALFORMED} or {@code WRONG_PASSWORD}
     */
    public static IdBackupData decode(String backupText, String password) {
        if (password == null) {
            throw new IdBackupException(IdBackupException.Reason.WRONG_PASSWORD, "no password");
        }
        byte[] backup = parse(backupText);
        byte[] salt = Arrays.copyOfRange(backup, 0, SALT_BYTES);
        byte[] key = deriveKey(password, salt);
        byte[] plain = new byte[PLAIN_BYTES];
        XSalsa20.xor(key, ZERO_NONCE, backup, SALT_BYTES, PLAIN_BYTES, plain, 0);
        Arrays.fill(key, (byte) 0);
        try {
            byte[] identity = Arrays.copyOfRange(plain, 0, ThreemaId.LENGTH);
            byte[] secret = Arrays.copyOfRange(plain, ThreemaId.LENGTH, ThreemaId.LENGTH + 32);
            byte[] check = Sha256.hash(identity, secret);
            if (!ConstantTime.equals(check, 0, plain, ThreemaId.LENGTH + 32, CHECK_BYTES)) {
                throw new IdBackupException(IdBackupException.Reason.WRONG_PASSWORD, "wrong backup password");
            }
            // Two check bytes let one wrong password in 65536 through; a garbage identity catches most of those.
            String id = new String(identity, StandardCharsets.US_ASCII);
            if (!ThreemaId.isValid(id)) {
                throw new IdBackupException(IdBackupException.Reason.WRONG_PASSWORD, "wrong backup password");
            }
            IdBackupData data = new IdBackupData(ThreemaId.of(id), secret);
            Arrays.fill(secret, (byte) 0);
            return data;
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static byte[] parse(String backupText) {
        // Generous room for separators and line breaks, but a bound before copying anything.
        if (backupText == null || backupText.length() > MAX_TEXT_CHARS) {
            throw new IdBackupException(IdBackupException.Reason.MALFORMED, "not an ID backup");
        }
        StringBuilder clean = new StringBuilder(backupText.length());
        for (int i = 0; i < backupText.length(); i++) {
            char c = backupText.charAt(i);
            if (c != '-' && !Character.isWhitespace(c)) {
                clean.append(c);
            }
        }
        int expectedChars = (BACKUP_BYTES * 8 + 4) / 5;
        if (clean.length() != expectedChars) {
            throw new IdBackupException(IdBackupException.Reason.MALFORMED,
                    "backup must have " + expectedChars + " base32 characters, got " + clean.length());
        }
        try {
            return Base32.decode(clean);
        } catch (IllegalArgumentException e) {
            throw new IdBackupException(IdBackupException.Reason.MALFORMED, "backup is not base32");
        }
    }

    private static byte[] deriveKey(String password, byte[] salt) {
        return PasswordHash.pbkdf2Sha256(password.getBytes(StandardCharsets.UTF_8), salt, PBKDF2_ITERATIONS, XSalsa20.KEY_BYTES);
    }

    private static String group(String base32) {
        StringBuilder out = new StringBuilder(base32.length() + base32.length() / 4);
        for (int i = 0; i < base32.length(); i += 4) {
            if (i > 0) {
                out.append('-');
            }
            out.append(base32, i, Math.min(i + 4, base32.length()));
        }
        return out.toString();
    }
}
