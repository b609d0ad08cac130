package dev.parley.common.csp.handshake;

import dev.parley.common.codec.ByteReader;
import dev.parley.common.codec.ByteWriter;
import dev.parley.common.codec.Bytes;
import java.util.Arrays;

/**
 * CSP server-hello, 80 bytes from the server (PROTOCOLS.md §5.2 step 2):
 * {@code SCK(16) || box64}. The box is opaque here; it encrypts a {@link ServerHelloPlaintext}
 * with {@code X25519HSalsa20(SK.secret, TCK.public)} and nonce {@code SCK || 1}.
 *
 * <p>The server must choose SCK different from the client's CCK;
 * {@link #cookiesDiffer(byte[], byte[])} is the check both sides apply.
 *
 * @param serverCookie SCK, the 16-byte cookie that prefixes every server-to-client nonce
 * @param box the 64-byte box (16-byte MAC followed by 48 bytes of ciphertext)
 */
public record ServerHello(byte[] serverCookie, byte[] box) {

    public static final int COOKIE_LENGTH = 16;
    public static final int BOX_LENGTH = 64;
    public static final int LENGTH = COOKIE_LENGTH + BOX_LENGTH;

    public ServerHello {
        Bytes.requireLength(serverCookie, COOKIE_LENGTH, "SCK");
        Bytes.requireLength(box, BOX_LENGTH, "server-hello box");
    }

    public static ServerHello decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        byte[] sck = in.bytes(COOKIE_LENGTH, "server-hello");
        byte[] box = in.bytes(BOX_LENGTH, "server-hello");
        in.end("server-hello");
        return new ServerHello(sck, box);
    }

    /** True when SCK and CCK differ, as §5.2 requires of the server and checks on the client. */
    public static boolean cookiesDiffer(byte[] serverCookie, byte[] clientCookie) {
        return !Arrays.equals(serverCookie, clientCookie);
    }

    public byte[] encode() {
        return new ByteWriter(LENGTH).bytes(serverCookie).bytes(box).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerHello other
                && Arrays.equals(serverCookie, other.serverCookie)
                && Arrays.equals(box, other.box);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(serverCookie) + Arrays.hashCode(box);
    }

    @Override
    public String toString() {
        return "ServerHello[sck=" + Bytes.describe(serverCookie) + ", box=" + Bytes.describe(box)
                + "]";
    }
}
