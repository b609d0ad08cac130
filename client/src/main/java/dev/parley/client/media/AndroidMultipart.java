package dev.parley.client.media;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The upload body exactly as the Android client builds it: one part {@code blob} with file name
 * {@code blob.bin} and type {@code application/octet-stream}, under a fixed boundary.
 */
final class AndroidMultipart {

    static final String BOUNDARY = "---------------------------Boundary_Line";
    static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    private static final byte[] HEAD = ("--" + BOUNDARY + "\r\n"
            + "Content-Disposition: form-data; name=\"blob\"; filename=\"blob.bin\"\r\n"
            + "Content-Type: application/octet-stream\r\n"
            + "\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);

    private AndroidMultipart() {
    }

    static HttpRequest.BodyPublisher of(byte[] blob) {
        return wrap(HttpRequest.BodyPublishers.ofByteArray(blob));
    }

    /** Streams the file: its length is known, so the request carries a Content-Length. */
    static HttpRequest.BodyPublisher of(Path blob) throws FileNotFoundException {
        return wrap(HttpRequest.BodyPublishers.ofFile(blob));
    }

    private static HttpRequest.BodyPublisher wrap(HttpRequest.BodyPublisher content) {
        return HttpRequest.BodyPublishers.concat(
                HttpRequest.BodyPublishers.ofByteArray(HEAD), content, HttpRequest.BodyPublishers.ofByteArray(TAIL));
    }
}
