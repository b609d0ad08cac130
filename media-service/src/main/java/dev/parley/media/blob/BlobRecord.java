package dev.parley.media.blob;

import java.time.Instant;

/**
 * A blob's metadata row.
 *
 * @param mirrorScope null for a blob-server upload
 * @param deviceGroupId the device group holding a mirror copy, or null
 */
public record BlobRecord(BlobId id, long size, boolean persist, Instant createdAt, Instant expiresAt,
        MirrorScope mirrorScope, byte[] deviceGroupId) {
}
