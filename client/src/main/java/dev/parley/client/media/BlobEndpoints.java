package dev.parley.client.media;

import java.net.URI;
import java.util.Locale;

/**
 * Where the blob server and the blob mirror live, as URL templates in the OPPF style:
 * {@code {blobId}}, {@code {blobIdPrefix}} (first two hex characters of the blob ID),
 * {@code {deviceGroupIdPrefix4}} (first hex character of the device group ID) and
 * {@code {deviceGroupIdPrefix8}} (its first two hex characters).
 *
 * @param upload the upload URL, e.g. {@code https://blobp-upload.example/upload}
 * @param download e.g. {@code https://blobp-{blobIdPrefix}.example/{blobId}}
 * @param done e.g. {@code https://blobp-{blobIdPrefix}.example/{blobId}/done}
 * @param mirror the mirror base, e.g. {@code https://blob-mirror-{deviceGroupIdPrefix4}.example/{deviceGroupIdPrefix8}}
 */
public record BlobEndpoints(String upload, String download, String done, String mirror) {

    /** Every endpoint under one base URL (which ends with {@code /}), as a single-host deployment serves them. */
    public static BlobEndpoints under(URI base) {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        return new BlobEndpoints(root + "upload", root + "{blobId}", root + "{blobId}/done", root + "{deviceGroupIdPrefix8}");
    }

    URI uploadUri(String query) {
        return URI.create(upload + "?" + query);
    }

    URI downloadUri(String blobId) {
        return URI.create(blob(download, blobId));
    }

    URI doneUri(String blobId) {
        return URI.create(blob(done, blobId));
    }

    URI mirrorUri(String deviceGroupIdHex, String path, String query) {
        String base = mirror.replace("{deviceGroupIdPrefix4}", deviceGroupIdHex.substring(0, 1))
                .replace("{deviceGroupIdPrefix8}", deviceGroupIdHex.substring(0, 2));
        return URI.create(base + path + "?" + query);
    }

    private static String blob(String template, String blobId) {
        String id = blobId.toLowerCase(Locale.ROOT);
        return template.replace("{blobIdPrefix}", id.substring(0, 2)).replace("{blobId}", id);
    }
}
