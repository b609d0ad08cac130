package dev.parley.common.csp.payload;

/**
 * The two forms of the message struct (PROTOCOLS.md §5.6), selected per connection by bit 0 of
 * login extension 0x02 (§5.3).
 */
public enum MessagePayloadFormat {
    /** legacy-message: the metadata-length field is reserved zero and no metadata follows. */
    LEGACY,
    /** message-with-metadata-box: metadata-length bytes of metadata box after the nickname. */
    WITH_METADATA
}
