package dev.parley.common.csp.handshake;

import dev.parley.common.codec.Bytes;
import dev.parley.common.codec.DecodeException;
import java.util.Arrays;

/**
 * CSP login, the client's third handshake message (PROTOCOLS.md §5.2 step 3):
 * {@code box144 || extensions-box}. Both boxes are opaque here. The 144-byte box holds the
 * {@link LoginData}; the extensions box holds the
 * {@link dev.parley.common.csp.extension.LoginExtensions} and is exactly as long as the
 * extension indicator inside the login data announces.
 *
 * <p>On a raw TCP stream a server therefore reads {@link #LOGIN_DATA_BOX_LENGTH} bytes, decrypts
 * them, learns the extensions-box length from {@link LoginData#extensionsBoxLength()} and only
 * then reads the rest; {@link #decode(byte[], int)} checks a complete login against that
 * announcement. Where the message arrives already delimited (one D2M proxy unit, §6.4),
 * {@link #decode(byte[])} splits it after the first 144 bytes.
 *
 * @param loginDataBox the 144-byte box (16-byte MAC followed by 128 bytes of ciphertext)
 * @param extensionsBox the extensions box: empty, or at least a MAC long, at most 65535 bytes
 */
public record Login(byte[] loginDataBox, byte[] extensionsBox) {

    public static final int LOGIN_DATA_BOX_LENGTH = 144;
    /** The announced length is a u16-le. */
    public static final int MAX_EXTENSIONS_BOX_LENGTH = 0xffff;
    static final int MAC_LENGTH = 16;

    public Login {
        Bytes.requireLength(loginDataBox, LOGIN_DATA_BOX_LENGTH, "login data box");
        Bytes.requireLength(extensionsBox, 0, MAX_EXTENSIONS_BOX_LENGTH, "extensions box");
        if (extensionsBox.length > 0 && extensionsBox.length < MAC_LENGTH) {
            throw new IllegalArgumentException("extensions box shorter than a MAC");
        }
    }

    /** Splits a delimited login: the first 144 bytes, then whatever follows as extensions box. */
    public static Login decode(byte[] bytes) {
        if (bytes.length < LOGIN_DATA_BOX_LENGTH) {
            throw new DecodeException("login truncated");
        }
        return decode(bytes, bytes.length - LOGIN_DATA_BOX_LENGTH);
    }

    /**
     * Decodes a login whose extensions box must be exactly {@code announcedExtensionsLength}
     * bytes, the length announced in the decrypted login data.
     */
    public static Login decode(byte[] bytes, int announcedExtensionsLength) {
        checkExtensionsBoxLength(announcedExtensionsLength);
        if (bytes.length < LOGIN_DATA_BOX_LENGTH + announcedExtensionsLength) {
            throw new DecodeException("login truncated");
        }
        if (bytes.length > LOGIN_DATA_BOX_LENGTH + announcedExtensionsLength) {
            throw new DecodeException("login has trailing bytes");
        }
        return new Login(Arrays.copyOf(bytes, LOGIN_DATA_BOX_LENGTH),
                Arrays.copyOfRange(bytes, LOGIN_DATA_BOX_LENGTH, bytes.length));
    }

    /**
     * Validates an announced extensions-box length before a server reads that many bytes: 0
     * (no extensions) or a box of at least a MAC, at most 65535.
     */
    public static int checkExtensionsBoxLength(int length) {
        if (length < 0 || length > MAX_EXTENSIONS_BOX_LENGTH
                || (length > 0 && length < MAC_LENGTH)) {
            throw new DecodeException("extensions box length out of bounds");
        }
        return length;
    }

    public byte[] encode() {
        byte[] out = Arrays.copyOf(loginDataBox, LOGIN_DATA_BOX_LENGTH + extensionsBox.length);
        System.arraycopy(extensionsBox, 0, out, LOGIN_DATA_BOX_LENGTH, extensionsBox.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Login other
                && Arrays.equals(loginDataBox, other.loginDataBox)
                && Arrays.equals(extensionsBox, other.extensionsBox);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(loginDataBox) + Arrays.hashCode(extensionsBox);
    }

    @Override
    public String toString() {
        return "Login[loginDataBox=" + Bytes.describe(loginDataBox) + ", extensionsBox="
                + Bytes.describe(extensionsBox) + "]";
    }
}
