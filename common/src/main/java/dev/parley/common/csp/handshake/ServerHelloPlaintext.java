package dev.parley.common.csp.handshake;

import dev.parley.common.codec.ByteReader;
import dev.parley.common.codec.ByteWriter;
import dev.parley.common.codec.Bytes;
import java.util.Arrays;

/**
 * The 48 bytes inside the server-hello box (the spec's "server-challenge-response", PROTOCOLS.md
 * §5.2 step 2): {@code TSK.public(32) || CCK(16)}. Echoing CCK proves the server holds SK; the
 * client compares it with the cookie it sent.
 *
 * @param temporaryServerKey TSK.public, the server's ephemeral X25519 public key
 * @param clientCookie the repeated CCK
 */
public record ServerHelloPlaintext(byte[] temporaryServerKey, byte[] clientCookie) {

    public static final int KEY_LENGTH = 32;
    public static final int COOKIE_LENGTH = 16;
    public static final int LENGTH = KEY_LENGTH + COOKIE_LENGTH;

    public ServerHelloPlaintext {
        Bytes.requireLength(temporaryServerKey, KEY_LENGTH, "TSK");
        Bytes.requireLength(clientCookie, COOKIE_LENGTH, "CCK");
    }

    public static ServerHelloPlaintext decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        byte[] tsk = in.bytes(KEY_LENGTH, "server-hello plaintext");
        byte[] cck = in.bytes(COOKIE_LENGTH, "server-hello plaintext");
        in.end("server-hello plaintext");
        return new ServerHelloPlaintext(tsk, cck);
    }

    public byte[] encode() {
        return new ByteWriter(LENGTH).bytes(temporaryServerKey).bytes(clientCookie).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerHelloPlaintext other
                && Arrays.equals(temporaryServerKey, other.temporaryServerKey)
                && Arrays.equals(clientCookie, other.clientCookie);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(temporaryServerKey) + Arrays.hashCode(clientCookie);
    }

    @Override
    public String toString() {
        return "ServerHelloPlaintext[tsk=" + Bytes.describe(temporaryServerKey) + ", cck="
                + Bytes.describe(clientCookie) + "]";
    }
}
