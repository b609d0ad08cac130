package dev.parley.client.cli;

import dev.parley.common.crypto.AuthenticationException;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.PasswordHash;
import dev.parley.common.crypto.SecretBox;
import dev.parley.common.crypto.X25519;
import dev.parley.common.encoding.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Properties;

/**
 * The CLI's client state (identity, its secret key, its server group and, once multi-device is
 * on, the device group key and this device's IDs) in a file encrypted with a passphrase:
 * {@code PARLEY-STATE-1} on the first line, then base64 of {@code salt(16) || nonce(24) ||
 * secretbox(scrypt(passphrase, salt, N=2^15, r=8, p=1), nonce, properties)}. Never plain text on
 * disk; written owner-only and atomically.
 */
public final class StateFile {

    static final String MAGIC = "PARLEY-STATE-1";
    private static final int SALT = 16;

    /**
     * The client state: who we are.
     *
     * @param serverGroup the identity's server group (part of the mediator URL); null when unknown
     * @param device      this device's place in the device group; null while multi-device is off
     */
    public record State(String identity, X25519.KeyPair keys, String serverGroup, Device device) {

        public State(String identity, X25519.KeyPair keys) {
            this(identity, keys, null, null);
        }

        public boolean multiDevice() {
            return device != null;
        }

        public State withDevice(String group, Device device) {
            return new State(identity, keys, group, device);
        }

        @Override
        public String toString() {
            return "State[identity=" + identity + ", device=" + (device == null ? "-" : device) + "]";
        }
    }

    /**
     * This device in its group.
     *
     * @param groupKey    DGK, the 32-byte secret every device of the group shares
     * @param deviceId    the mediator device ID
     * @param cspDeviceId the CSP device ID sent in the login when this device leads
     * @param label       the name the other devices see
     */
    public record Device(byte[] groupKey, long deviceId, long cspDeviceId, String label) {

        @Override
        public String toString() {
            return "Device[id=" + String.format("%016x", deviceId) + ", label=" + label + "]";
        }
    }

    /** The passphrase does not open the file, or the file is not a state file. */
    public static final class WrongPassphraseException extends IOException {

        WrongPassphraseException(String message) {
            super(message);
        }
    }

    private StateFile() {
    }

    public static void write(Path file, char[] passphrase, State state) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("identity", state.identity());
        properties.setProperty("secretKey", Hex.encode(state.keys().secretKey()));
        if (state.serverGroup() != null) {
            properties.setProperty("serverGroup", state.serverGroup());
        }
        if (state.device() != null) {
            properties.setProperty("deviceGroupKey", Hex.encode(state.device().groupKey()));
            properties.setProperty("deviceId", Long.toUnsignedString(state.device().deviceId(), 16));
            properties.setProperty("cspDeviceId", Long.toUnsignedString(state.device().cspDeviceId(), 16));
            properties.setProperty("deviceLabel", state.device().label());
        }
        java.io.StringWriter text = new java.io.StringWriter();
        properties.store(text, null);
        byte[] salt = CryptoRandom.bytes(SALT);
        byte[] nonce = CryptoRandom.bytes(SecretBox.NONCE_BYTES);
        byte[] sealed = SecretBox.seal(key(passphrase, salt), nonce, text.toString().getBytes(StandardCharsets.UTF_8));
        byte[] payload = new byte[SALT + nonce.length + sealed.length];
        System.arraycopy(salt, 0, payload, 0, SALT);
        System.arraycopy(nonce, 0, payload, SALT, nonce.length);
        System.arraycopy(sealed, 0, payload, SALT + nonce.length, sealed.length);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, ".parley-state", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the user's profile directory is private already.
            }
            Files.writeString(temp, MAGIC + "\n" + Base64.getEncoder().encodeToString(payload) + "\n");
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public static State read(Path file, char[] passphrase) throws IOException {
        String[] lines = Files.readString(file).split("\n");
        if (lines.length < 2 || !lines[0].equals(MAGIC)) {
            throw new WrongPassphraseException(file + " is not a parley state file");
        }
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(lines[1].trim());
        } catch (IllegalArgumentException e) {
            throw new WrongPassphraseException(file + " is damaged");
        }
        if (payload.length < SALT + SecretBox.NONCE_BYTES + SecretBox.MAC_BYTES) {
            throw new WrongPassphraseException(file + " is damaged");
        }
        byte[] salt = java.util.Arrays.copyOfRange(payload, 0, SALT);
        byte[] nonce = java.util.Arrays.copyOfRange(payload, SALT, SALT + SecretBox.NONCE_BYTES);
        byte[] sealed = java.util.Arrays.copyOfRange(payload, SALT + SecretBox.NONCE_BYTES, payload.length);
        byte[] text;
        try {
            text = SecretBox.open(key(passphrase, salt), nonce, sealed);
        } catch (AuthenticationException e) {
            throw new WrongPassphraseException("wrong passphrase for " + file);
        }
        Properties properties = new Properties();
        properties.load(new java.io.StringReader(new String(text, StandardCharsets.UTF_8)));
        Device device = null;
        if (properties.getProperty("deviceGroupKey") != null) {
            device = new Device(Hex.decode(properties.getProperty("deviceGroupKey")),
                    Long.parseUnsignedLong(properties.getProperty("deviceId"), 16),
                    Long.parseUnsignedLong(properties.getProperty("cspDeviceId"), 16),
                    properties.getProperty("deviceLabel", ""));
        }
        return new State(properties.getProperty("identity"),
                X25519.KeyPair.fromSecretKey(Hex.decode(properties.getProperty("secretKey"))),
                properties.getProperty("serverGroup"), device);
    }

    private static byte[] key(char[] passphrase, byte[] salt) {
        byte[] utf8 = new String(passphrase).getBytes(StandardCharsets.UTF_8);
        return PasswordHash.scrypt(utf8, salt, 1 << 15, 8, 1, SecretBox.KEY_BYTES);
    }
}
