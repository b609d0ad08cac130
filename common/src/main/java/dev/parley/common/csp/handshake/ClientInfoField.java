package dev.parley.common.csp.handshake;

import dev.parley.common.codec.ByteReader;
import dev.parley.common.codec.Bytes;
import dev.parley.common.codec.DecodeException;
import dev.parley.common.codec.LittleEndian;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The 32-byte field after the identity in {@link LoginData} (PROTOCOLS.md §5.2 step 3). Current
 * clients put an {@link ExtensionIndicator} there; very old clients put a
 * {@link LegacyClientInfo}, and a server must still accept it. The field is an extension
 * indicator exactly when its first 30 bytes are the ASCII magic
 * {@code threema-clever-extension-field}.
 */
public sealed interface ClientInfoField
        permits ClientInfoField.ExtensionIndicator, ClientInfoField.LegacyClientInfo {

    int LENGTH = 32;
    String MAGIC = "threema-clever-extension-field";

    /** Length of the extensions box that follows box144; 0 for the legacy form. */
    int extensionsBoxLength();

    /** Writes the 32 bytes of this field into {@code out} at {@code offset}. */
    void writeTo(byte[] out, int offset);

    /** Reads the field from the 32 bytes at {@code offset}. */
    static ClientInfoField read(byte[] bytes, int offset) {
        byte[] magic = ExtensionIndicator.MAGIC_BYTES;
        if (Arrays.equals(bytes, offset, offset + magic.length, magic, 0, magic.length)) {
            int length = LittleEndian.u16(bytes, offset + magic.length);
            return new ExtensionIndicator(Login.checkExtensionsBoxLength(length));
        }
        int textLength = 0;
        while (textLength < LENGTH && bytes[offset + textLength] != 0) {
            textLength++;
        }
        if (!Bytes.allZero(bytes, offset + textLength, LENGTH - textLength)) {
            throw new DecodeException("legacy client info padding not zero");
        }
        return new LegacyClientInfo(
                ByteReader.strictUtf8(bytes, offset, textLength, "legacy client info"));
    }

    /**
     * Magic string followed by the u16-le length of the extensions box.
     *
     * @param extensionsBoxLength 0, or 16..65535 (a box holds at least its MAC)
     */
    record ExtensionIndicator(int extensionsBoxLength) implements ClientInfoField {

        static final byte[] MAGIC_BYTES = MAGIC.getBytes(StandardCharsets.US_ASCII);

        public ExtensionIndicator {
            if (extensionsBoxLength < 0 || extensionsBoxLength > Login.MAX_EXTENSIONS_BOX_LENGTH
                    || (extensionsBoxLength > 0 && extensionsBoxLength < Login.MAC_LENGTH)) {
                throw new IllegalArgumentException("extensions box length out of bounds");
            }
        }

        @Override
        public void writeTo(byte[] out, int offset) {
            System.arraycopy(MAGIC_BYTES, 0, out, offset, MAGIC_BYTES.length);
            LittleEndian.putU16(out, offset + MAGIC_BYTES.length, extensionsBoxLength);
        }
    }

    /**
     * The pre-extension form: the client-info string, UTF-8, zero-padded to 32 bytes.
     *
     * @param clientInfo at most 32 bytes of UTF-8 without NUL, not starting with the magic
     */
    record LegacyClientInfo(String clientInfo) implements ClientInfoField {

        public LegacyClientInfo {
            byte[] utf8 = clientInfo.getBytes(StandardCharsets.UTF_8);
            if (utf8.length > LENGTH || clientInfo.indexOf('\0') >= 0
                    || clientInfo.startsWith(MAGIC)) {
                throw new IllegalArgumentException("not encodable as a legacy client info");
            }
        }

        @Override
        public int extensionsBoxLength() {
            return 0;
        }

        @Override
        public void writeTo(byte[] out, int offset) {
            byte[] utf8 = clientInfo.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(utf8, 0, out, offset, utf8.length);
            Arrays.fill(out, offset + utf8.length, offset + LENGTH, (byte) 0);
        }
    }
}
