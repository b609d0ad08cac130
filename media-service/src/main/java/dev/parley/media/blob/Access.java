package dev.parley.media.blob;

/**
 * Who asks for a blob. The blob server's own paths see public blobs only; a blob-mirror request
 * sees its device group's mirror copies, and with scope {@code public} also every public blob.
 *
 * @param deviceGroupId the asking device group (32 bytes), or null on the blob server's paths
 * @param includePublic whether public blobs are visible to this request
 */
public record Access(byte[] deviceGroupId, boolean includePublic) {

    public static final Access PUBLIC = new Access(null, true);

    public static Access mirror(byte[] deviceGroupId, MirrorScope scope) {
        return new Access(deviceGroupId.clone(), scope == MirrorScope.PUBLIC);
    }
}
