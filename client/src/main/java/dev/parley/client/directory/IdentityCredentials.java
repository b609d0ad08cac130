package dev.parley.client.directory;

import dev.parley.common.crypto.X25519;

/** An identity and its key pair: what a client needs to answer directory challenges. */
public record IdentityCredentials(String identity, String serverGroup, X25519.KeyPair keys) {

    @Override
    public String toString() {
        return "IdentityCredentials[identity=" + identity + ", serverGroup=" + serverGroup + "]";
    }
}
