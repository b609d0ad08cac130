package dev.parley.media.blob;

import java.util.Locale;

/** The blob mirror's {@code scope} parameter, stored in {@code blob.mirror_scope}. */
public enum MirrorScope {
    /** Stored only for the uploading device group. */
    LOCAL,
    /** Stored for the device group and on the blob server. */
    PUBLIC;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MirrorScope parse(String value) {
        return switch (value == null ? "" : value) {
            case "local" -> LOCAL;
            case "public" -> PUBLIC;
            default -> throw new IllegalArgumentException("scope must be local or public");
        };
    }
}
