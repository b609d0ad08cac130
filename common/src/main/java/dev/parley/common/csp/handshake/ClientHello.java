package dev.parley.common.csp.handshake;

import dev.parley.common.codec.ByteReader;
import dev.parley.common.codec.ByteWriter;
import dev.parley.common.codec.Bytes;
import java.util.Arrays;

/**
 * CSP client-hello, the first 48 bytes a client sends on the raw TCP stream (PROTOCOLS.md §5.2
 * step 1): {@code TCK.public(32) || CCK(16)}. Handshake messages have no length prefix; their
 * sizes are fixed, which is why this codec only accepts exactly {@link #LENGTH} bytes.
 *
 * @param temporaryClientKey TCK.public, the client's ephemeral X25519 public key
 * @param clientCookie CCK, the 16-byte cookie that prefixes every client-to-server nonce
 */
public record ClientHello(byte[] temporaryClientKey, byte[] clientCookie) {

    public static final int KEY_LENGTH = 32;
    public static final int COOKIE_LENGTH = 16;
    public static final int LENGTH = KEY_LENGTH + COOKIE_LENGTH;

    public ClientHello {
        Bytes.requireLength(temporaryClientKey, KEY_LENGTH, "TCK");
        Bytes.requireLength(clientCookie, COOKIE_LENGTH, "CCK");
    }

    public static ClientHello decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        byte[] tck = in.bytes(KEY_LENGTH, "client-hello");
        byte[] cck = in.bytes(COOKIE_LENGTH, "client-hello");
        in.end("client-hello");
        return new ClientHello(tck, cck);
    }

    public byte[] encode() {
        return new ByteWriter(LENGTH).bytes(temporaryClientKey).bytes(clientCookie).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientHello other
                && Arrays.equals(temporaryClientKey, other.temporaryClientKey)
                && Arrays.equals(clientCookie, other.clientCookie);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(temporaryClientKey) + Arrays.hashCode(clientCookie);
    }

    @Override
    public String toString() {
        return "ClientHello[tck=" + Bytes.describe(temporaryClientKey) + ", cck="
                + Bytes.describe(clientCookie) + "]";
    }
}
