package dev.parley.client.media;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Talks to a blob server and blob mirror the way the Threema clients do (PROTOCOLS.md §2):
 * multipart upload in Android's exact shape, download (whole, ranged, or to a file), done, and
 * the same three calls on the mirror.
 *
 * <p>Blob IDs are 32 lowercase hex characters. Every call fails with {@link BlobHttpException}
 * when the server answers with an unexpected status.
 */
public final class BlobClient {

    private static final Pattern BLOB_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final HttpClient http;
    private final BlobEndpoints endpoints;
    private final String userAgent;
    private final String authorization;

    /**
     * @param authorization the full {@code Authorization} header value ({@code Token …} or
     *     {@code Basic …}), or null for an open server
     */
    public BlobClient(HttpClient http, BlobEndpoints endpoints, String userAgent, String authorization) {
        this.http = http;
        this.endpoints = endpoints;
        this.userAgent = userAgent;
        this.authorization = authorization;
    }

    public BlobClient(HttpClient http, BlobEndpoints endpoints) {
        this(http, endpoints, "Threema/parley-client", null);
    }

    /** Uploads a blob; {@code persist} is true for group blobs, which survive "done" until they expire. */
    public String upload(byte[] blob, boolean persist) throws IOException, InterruptedException {
        return uploadTo(endpoints.uploadUri(persistQuery(persist)), AndroidMultipart.of(blob));
    }

    /** Uploads a file without reading it into memory. */
    public String upload(Path blob, boolean persist) throws IOException, InterruptedException {
        return uploadTo(endpoints.uploadUri(persistQuery(persist)), AndroidMultipart.of(blob));
    }

    public byte[] download(String blobId) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = send(get(endpoints.downloadUri(checked(blobId))), HttpResponse.BodyHandlers.ofByteArray());
        expect(response, 200, "download");
        return response.body();
    }

    /** Downloads bytes {@code start..endInclusive}, as a resumed download does; expects 206. */
    public byte[] download(String blobId, long start, long endInclusive) throws IOException, InterruptedException {
        HttpRequest request = request(endpoints.downloadUri(checked(blobId)))
                .header("Range", "bytes=" + start + "-" + endInclusive).GET().build();
        HttpResponse<byte[]> response = send(request, HttpResponse.BodyHandlers.ofByteArray());
        expect(response, 206, "ranged download");
        return response.body();
    }

    /** Streams a blob into {@code target} (replacing it); returns the number of bytes. */
    public long downloadTo(String blobId, Path target) throws IOException, InterruptedException {
        HttpResponse<Path> response = send(get(endpoints.downloadUri(checked(blobId))), HttpResponse.BodyHandlers.ofFile(target));
        if (response.statusCode() != 200) {
            Files.deleteIfExists(target);
            throw new BlobHttpException(response.statusCode(), "download failed");
        }
        return Files.size(target);
    }

    /** The blob's size from a HEAD request, or empty when the server does not have it. */
    public OptionalLong size(String blobId) throws IOException, InterruptedException {
        HttpRequest request = request(endpoints.downloadUri(checked(blobId)))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<Void> response = send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 404) {
            return OptionalLong.empty();
        }
        expect(response, 200, "head");
        return response.headers().firstValueAsLong("Content-Length");
    }

    /** Marks a downloaded blob done; the server answers 204. */
    public void done(String blobId) throws IOException, InterruptedException {
        HttpRequest request = request(endpoints.doneUri(checked(blobId))).POST(HttpRequest.BodyPublishers.noBody()).build();
        expect(send(request, HttpResponse.BodyHandlers.ofString()), 204, "done");
    }

    public String mirrorUpload(MirrorDevice device, BlobScope scope, boolean persist, byte[] blob)
            throws IOException, InterruptedException {
        URI uri = endpoints.mirrorUri(device.deviceGroupIdHex(), "/upload", mirrorQuery(device, scope) + "&" + persistQuery(persist));
        return uploadTo(uri, AndroidMultipart.of(blob));
    }

    public byte[] mirrorDownload(MirrorDevice device, BlobScope scope, String blobId) throws IOException, InterruptedException {
        URI uri = endpoints.mirrorUri(device.deviceGroupIdHex(), "/" + checked(blobId), mirrorQuery(device, scope));
        HttpResponse<byte[]> response = send(get(uri), HttpResponse.BodyHandlers.ofByteArray());
        expect(response, 200, "mirror download");
        return response.body();
    }

    public void mirrorDone(MirrorDevice device, BlobScope scope, String blobId) throws IOException, InterruptedException {
        URI uri = endpoints.mirrorUri(device.deviceGroupIdHex(), "/" + checked(blobId) + "/done", mirrorQuery(device, scope));
        HttpRequest request = request(uri).POST(HttpRequest.BodyPublishers.noBody()).build();
        expect(send(request, HttpResponse.BodyHandlers.ofString()), 204, "mirror done");
    }

    private String uploadTo(URI uri, HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        HttpRequest request = request(uri).header("Content-Type", AndroidMultipart.CONTENT_TYPE).POST(body).build();
        HttpResponse<byte[]> response = send(request, HttpResponse.BodyHandlers.ofByteArray());
        expect(response, 200, "upload");
        // Parsed untrimmed, as Android does: a trailing newline would make the ID invalid.
        String id = new String(response.body(), StandardCharsets.US_ASCII);
        if (!BLOB_ID.matcher(id).matches()) {
            throw new IOException("upload answered an invalid blob ID");
        }
        return id;
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("User-Agent", userAgent);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private HttpRequest get(URI uri) {
        return request(uri).GET().build();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        return http.send(request, handler);
    }

    private static void expect(HttpResponse<?> response, int status, String what) throws BlobHttpException {
        if (response.statusCode() != status) {
            throw new BlobHttpException(response.statusCode(), what + " failed");
        }
    }

    private static String checked(String blobId) {
        if (blobId == null || !BLOB_ID.matcher(blobId).matches()) {
            throw new IllegalArgumentException("a blob ID is 32 lowercase hex characters");
        }
        return blobId;
    }

    private static String persistQuery(boolean persist) {
        return "persist=" + (persist ? "1" : "0");
    }

    private static String mirrorQuery(MirrorDevice device, BlobScope scope) {
        return "deviceId=" + device.deviceIdHex() + "&deviceGroupId=" + device.deviceGroupIdHex() + "&scope=" + scope.wire();
    }
}
