package dev.parley.common.csp.handshake;

import dev.parley.common.codec.ByteReader;
import dev.parley.common.codec.Bytes;
import java.util.Arrays;

/**
 * CSP login-ack, 32 bytes from the server that end the handshake (PROTOCOLS.md §5.2 step 4): a
 * box with nonce {@code SCK || 2} over {@link #PLAINTEXT_LENGTH} zero bytes.
 *
 * @param box the 32-byte box (16-byte MAC followed by 16 bytes of ciphertext)
 */
public record LoginAck(byte[] box) {

    public static final int LENGTH = 32;
    public static final int PLAINTEXT_LENGTH = 16;

    public LoginAck {
        Bytes.requireLength(box, LENGTH, "login-ack box");
    }

    public static LoginAck decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        byte[] box = in.bytes(LENGTH, "login-ack");
        in.end("login-ack");
        return new LoginAck(box);
    }

    /** A fresh copy of the plaintext the server encrypts: 16 reserved zero bytes. */
    public static byte[] plaintext() {
        return new byte[PLAINTEXT_LENGTH];
    }

    /** Checks a decrypted login-ack: exactly 16 bytes, all zero. */
    public static void checkPlaintext(byte[] plaintext) {
        ByteReader in = new ByteReader(plaintext);
        in.zeros(PLAINTEXT_LENGTH, "login-ack reserved");
        in.end("login-ack plaintext");
    }

    public byte[] encode() {
        return box;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoginAck other && Arrays.equals(box, other.box);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(box);
    }

    @Override
    public String toString() {
        return "LoginAck[box=" + Bytes.describe(box) + "]";
    }
}
