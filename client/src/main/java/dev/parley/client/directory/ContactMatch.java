package dev.parley.client.directory;

/** A contact the directory matched, with the hash (email or phone) that matched. */
public record ContactMatch(String identity, byte[] publicKey, byte[] emailHash, byte[] mobileNoHash) {
}
