package dev.parley.media.blob;

import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.encoding.Hex;
import java.util.Arrays;
import java.util.regex.Pattern;

/** A 16-byte blob ID; on the wire and as the store key it is 32 lowercase hex characters. */
public record BlobId(byte[] bytes) {

    public static final int LENGTH = 16;
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{32}");

    public BlobId {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a blob ID has 16 bytes");
        }
        bytes = bytes.clone();
    }

    public static BlobId random() {
        return new BlobId(CryptoRandom.bytes(LENGTH));
    }

    /** Parses the hex form; clients send lowercase, uppercase is accepted too. */
    public static BlobId parse(String hex) {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a blob ID is 32 hex characters");
        }
        return new BlobId(Hex.decode(hex.toLowerCase(java.util.Locale.ROOT)));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return Hex.encode(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BlobId id && Arrays.equals(bytes, id.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
