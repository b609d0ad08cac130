package dev.parley.common.csp.handshake;

import dev.parley.common.codec.ByteReader;
import dev.parley.common.codec.Bytes;
import dev.parley.common.codec.DecodeException;
import dev.parley.common.identity.ThreemaId;
import java.util.Arrays;

/**
 * The 128-byte plaintext of the login box (PROTOCOLS.md §5.2 step 3):
 * {@code identity(8) || client-info-or-extension-indicator(32) || SCK(16) || 24 zero bytes ||
 * vouch(32) || 16 zero bytes}.
 *
 * <p>The two zero runs are reserved and rejected when non-zero: the first once held a vouch
 * nonce, and a non-zero value there would mean the old vouch format, which Parley does not
 * support.
 *
 * @param identity the client's Threema ID
 * @param clientInfoField the extension indicator, or a legacy client-info string
 * @param serverCookie the repeated SCK (the client's answer to the server's challenge)
 * @param vouch the 32-byte vouch value proving possession of CK
 */
public record LoginData(
        ThreemaId identity, ClientInfoField clientInfoField, byte[] serverCookie, byte[] vouch) {

    public static final int LENGTH = 128;
    public static final int COOKIE_LENGTH = 16;
    public static final int VOUCH_LENGTH = 32;
    private static final int RESERVED1_LENGTH = 24;
    private static final int RESERVED2_LENGTH = 16;

    public LoginData {
        if (identity == null || clientInfoField == null) {
            throw new IllegalArgumentException("identity and client info field are required");
        }
        Bytes.requireLength(serverCookie, COOKIE_LENGTH, "SCK");
        Bytes.requireLength(vouch, VOUCH_LENGTH, "vouch");
    }

    /** Login data announcing an extensions box of {@code extensionsBoxLength} bytes. */
    public static LoginData withExtensions(
            ThreemaId identity, int extensionsBoxLength, byte[] serverCookie, byte[] vouch) {
        return new LoginData(identity, new ClientInfoField.ExtensionIndicator(extensionsBoxLength),
                serverCookie, vouch);
    }

    public static LoginData decode(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new DecodeException(bytes.length < LENGTH
                    ? "login data truncated" : "login data has trailing bytes");
        }
        ThreemaId identity;
        try {
            identity = ThreemaId.fromBytes(bytes, 0);
        } catch (IllegalArgumentException e) {
            throw new DecodeException("login identity invalid");
        }
        ClientInfoField field = ClientInfoField.read(bytes, ThreemaId.LENGTH);
        ByteReader in = new ByteReader(bytes, ThreemaId.LENGTH + ClientInfoField.LENGTH,
                LENGTH - ThreemaId.LENGTH - ClientInfoField.LENGTH);
        byte[] sck = in.bytes(COOKIE_LENGTH, "login data");
        in.zeros(RESERVED1_LENGTH, "login data reserved");
        byte[] vouch = in.bytes(VOUCH_LENGTH, "login data");
        in.zeros(RESERVED2_LENGTH, "login data reserved");
        in.end("login data");
        return new LoginData(identity, field, sck, vouch);
    }

    /** Length of the extensions box that follows box144 (0 when absent or legacy). */
    public int extensionsBoxLength() {
        return clientInfoField.extensionsBoxLength();
    }

    public byte[] encode() {
        byte[] out = new byte[LENGTH];
        byte[] id = identity.toBytes();
        System.arraycopy(id, 0, out, 0, ThreemaId.LENGTH);
        clientInfoField.writeTo(out, ThreemaId.LENGTH);
        int offset = ThreemaId.LENGTH + ClientInfoField.LENGTH;
        System.arraycopy(serverCookie, 0, out, offset, COOKIE_LENGTH);
        offset += COOKIE_LENGTH + RESERVED1_LENGTH;
        System.arraycopy(vouch, 0, out, offset, VOUCH_LENGTH);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoginData other
                && identity.equals(other.identity)
                && clientInfoField.equals(other.clientInfoField)
                && Arrays.equals(serverCookie, other.serverCookie)
                && Arrays.equals(vouch, other.vouch);
    }

    @Override
    public int hashCode() {
        int h = identity.hashCode();
        h = 31 * h + clientInfoField.hashCode();
        h = 31 * h + Arrays.hashCode(serverCookie);
        return 31 * h + Arrays.hashCode(vouch);
    }

    @Override
    public String toString() {
        return "LoginData[identity=" + identity + ", " + clientInfoField + ", sck="
                + Bytes.describe(serverCookie) + ", vouch=" + Bytes.describe(vouch) + "]";
    }
}
