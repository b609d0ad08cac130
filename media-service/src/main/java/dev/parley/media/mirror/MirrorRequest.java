package dev.parley.media.mirror;

import dev.parley.common.encoding.Hex;
import dev.parley.media.blob.BlobException;
import dev.parley.media.blob.MirrorScope;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The query parameters of every blob-mirror call.
 *
 * @param deviceId the mediator device ID, sent as 16 hex characters of its little-endian bytes
 * @param deviceGroupId the 32-byte device group ID, whose first byte is the path prefix
 */
record MirrorRequest(long deviceId, byte[] deviceGroupId, MirrorScope scope) {

    private static final Pattern DEVICE_ID = Pattern.compile("[0-9a-fA-F]{16}");
    private static final Pattern DEVICE_GROUP_ID = Pattern.compile("[0-9a-fA-F]{64}");

    static MirrorRequest parse(String prefix8, String deviceId, String deviceGroupId, String scope) {
        if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
            throw BlobException.badRequest("deviceId must be 16 hex characters");
        }
        if (deviceGroupId == null || !DEVICE_GROUP_ID.matcher(deviceGroupId).matches()) {
            throw BlobException.badRequest("deviceGroupId must be 64 hex characters");
        }
        String group = deviceGroupId.toLowerCase(Locale.ROOT);
        if (!group.startsWith(prefix8.toLowerCase(Locale.ROOT))) {
            throw BlobException.badRequest("deviceGroupId does not match the path prefix");
        }
        MirrorScope parsedScope;
        try {
            parsedScope = MirrorScope.parse(scope);
        } catch (IllegalArgumentException unknown) {
            throw BlobException.badRequest("scope must be local or public");
        }
        byte[] id = Hex.decode(deviceId.toLowerCase(Locale.ROOT));
        long littleEndian = 0;
        for (int i = 7; i >= 0; i--) {
            littleEndian = (littleEndian << 8) | (id[i] & 0xff);
        }
        return new MirrorRequest(littleEndian, Hex.decode(group), parsedScope);
    }
}
