package dev.parley.client.media;

/** The blob mirror's {@code scope} parameter. */
public enum BlobScope {
    /** Only for the user's own devices (notes groups, reflected outgoing messages). */
    LOCAL("local"),
    /** On the mirror and on the blob server. */
    PUBLIC("public");

    private final String wire;

    BlobScope(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
