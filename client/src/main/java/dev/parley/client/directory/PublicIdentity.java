package dev.parley.client.directory;

/** What the directory publishes about an identity (PROTOCOLS.md §1.4). */
public record PublicIdentity(String identity, byte[] publicKey, long featureMask, int state, int type) {

    public static final int STATE_ACTIVE = 0;
    public static final int STATE_INACTIVE = 1;
    public static final int STATE_INVALID = 2;
}
