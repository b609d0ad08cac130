package dev.parley.common.keys;

import dev.parley.common.crypto.ConstantTime;
import dev.parley.common.crypto.Ed25519;
import dev.parley.common.crypto.X25519;
import dev.parley.common.encoding.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/**
 * The text format every Parley node keeps its long-lived keys in: {@code secret:<64 hex>} and,
 * for key pairs, {@code public:<64 hex>}; blank lines and {@code #} comments are ignored.
 *
 * <p>Files are written owner-only and atomically (created with their final permissions, filled,
 * then moved into place), so a crash never leaves a half-written key. Error messages name the
 * file and the field, never key material.
 */
public final class KeyFile {

    private static final int KEY_HEX_LENGTH = 64;
    private static final int MAX_FILE_BYTES = 4096;
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private KeyFile() {
    }

    /** Loads an X25519 key pair and refuses a file whose public key does not belong to its secret. */
    public static X25519.KeyPair loadX25519(Path file) {
        Map<String, byte[]> fields = read(file);
        X25519.KeyPair pair = X25519.KeyPair.fromSecretKey(required(file, fields, "secret"));
        requireMatchingPublicKey(file, fields, pair.publicKey());
        return pair;
    }

    /** Loads an Ed25519 key pair (32-byte seed) and checks its public key like {@link #loadX25519}. */
    public static Ed25519.KeyPair loadEd25519(Path file) {
        Map<String, byte[]> fields = read(file);
        Ed25519.KeyPair pair = Ed25519.KeyPair.fromSecretKey(required(file, fields, "secret"));
        requireMatchingPublicKey(file, fields, pair.publicKey());
        return pair;
    }

    /** Loads a bare 32-byte secret (a file with only a {@code secret:} line). */
    public static byte[] loadSecret(Path file) {
        return required(file, read(file), "secret");
    }

    /** Writes a key file; {@code publicKey} may be null for a bare secret. */
    public static void write(Path file, String description, byte[] secret, byte[] publicKey) {
        StringBuilder text = new StringBuilder("# Parley ").append(description).append('\n')
                .append("secret:").append(Hex.encode(secret)).append('\n');
        if (publicKey != null) {
            text.append("public:").append(Hex.encode(publicKey)).append('\n');
        }
        try {
            createOwnerOnlyDirectory(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".new");
            Files.deleteIfExists(temporary);
            if (POSIX) {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(temporary);
                temporary.toFile().setReadable(false, false);
                temporary.toFile().setReadable(true, true);
            }
            Files.writeString(temporary, text, StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write key file " + file, e);
        }
    }

    /** Creates a directory readable only by its owner, unless it exists already. */
    public static void createOwnerOnlyDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (POSIX) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }

    private static Map<String, byte[]> read(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(file + ": larger than a key file can be");
            }
            Map<String, byte[]> fields = new HashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int colon = trimmed.indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException(file + ": expected 'name:value' lines");
                }
                String name = trimmed.substring(0, colon).strip();
                String value = trimmed.substring(colon + 1).strip();
                if (!Hex.isLowercaseHex(value, KEY_HEX_LENGTH)) {
                    throw new IllegalArgumentException(file + ": '" + name + "' must be " + KEY_HEX_LENGTH + " lowercase hex digits");
                }
                if (fields.put(name, Hex.decode(value)) != null) {
                    throw new IllegalArgumentException(file + ": '" + name + "' appears twice");
                }
            }
            return fields;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + file, e);
        }
    }

    private static byte[] required(Path file, Map<String, byte[]> fields, String name) {
        byte[] value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException(file + ": missing '" + name + ":<64 hex>' line");
        }
        return value;
    }

    private static void requireMatchingPublicKey(Path file, Map<String, byte[]> fields, byte[] derived) {
        if (!ConstantTime.equals(derived, required(file, fields, "public"))) {
            throw new IllegalArgumentException(file + ": public key does not match the secret key");
        }
    }
}
