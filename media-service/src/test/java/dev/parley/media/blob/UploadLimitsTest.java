package dev.parley.media.blob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.MediaServiceTest;
import dev.parley.media.RawHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** 413, 429, malformed uploads and broken connections: none of them leaves anything behind. */
class UploadLimitsTest extends MediaServiceTest {

    @Autowired
    MeterRegistry meters;

    private double rejected(String reason) {
        return meters.get("parley.media.uploads.rejected").tag("reason", reason).counter().count();
    }

    private void assertNothingLeft(long rowsBefore) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (storedFiles() != rows() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(rows()).isEqualTo(rowsBefore);
        assertThat(storedFiles()).as("files in the blob directory, temporary ones included").isEqualTo(rows());
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeTheBodyIsRead() throws Exception {
        long before = rows();
        String head = RawHttp.uploadHead("/upload?persist=0", 100L * 1024 * 1024, "");

        int status = RawHttp.exchangeStatus(port, head, RawHttp.partHead());

        assertThat(status).isEqualTo(413);
        assertNothingLeft(before);
    }

    @Test
    void aStreamedBodyPassingTheLimitIs413AndLeavesNothing() throws Exception {
        long before = rows();
        double rejectedBefore = rejected("too_large");
        byte[] body = RawHttp.concat(RawHttp.partHead(), BlobApiTest.blob((int) MAX_SIZE + 1), RawHttp.partTail());

        int status = RawHttp.exchangeStatus(port, RawHttp.uploadHead("/upload?persist=0", -1, ""), RawHttp.chunked(body, 64 * 1024));

        assertThat(status).isEqualTo(413);
        assertNothingLeft(before);
        assertThat(rejected("too_large")).isEqualTo(rejectedBefore + 1);
    }

    @Test
    void aBlobOfExactlyTheMaximumSizeIsAccepted() throws Exception {
        byte[] data = BlobApiTest.blob((int) MAX_SIZE);

        String id = client().upload(data, false);

        assertThat(client().size(id)).hasValue(MAX_SIZE);
    }

    @Test
    void aConnectionDroppedMidUploadLeavesNothing() throws Exception {
        long before = rows();
        byte[] partial = RawHttp.concat(RawHttp.partHead(), BlobApiTest.blob(300_000));

        RawHttp.sendAndAbort(port, RawHttp.uploadHead("/upload?persist=1", 1_000_000, ""), partial);

        assertNothingLeft(before);
    }

    @Test
    void uploadsWithoutABlobFilePartAre400() throws Exception {
        long before = rows();
        byte[] otherPart = ("--" + RawHttp.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n\r\n"
                + "abc\r\n--" + RawHttp.BOUNDARY + "--\r\n").getBytes();
        byte[] noFileName = ("--" + RawHttp.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"blob\"\r\n\r\n"
                + "abc\r\n--" + RawHttp.BOUNDARY + "--\r\n").getBytes();
        byte[] twoBlobs = RawHttp.concat(RawHttp.partHead(), "a".getBytes(), ("\r\n").getBytes(),
                RawHttp.partHead(), "b".getBytes(), RawHttp.partTail());
        byte[] noParts = ("--" + RawHttp.BOUNDARY + "--\r\n").getBytes();

        for (byte[] body : List.of(otherPart, noFileName, twoBlobs, noParts)) {
            assertThat(RawHttp.exchangeStatus(port, RawHttp.uploadHead("/upload", body.length, ""), body)).isEqualTo(400);
        }
        assertThat(RawHttp.exchangeStatus(port, RawHttp.uploadHead("/upload?persist=2", 0, ""), new byte[0])).isEqualTo(400);
        assertNothingLeft(before);
    }

    @Test
    void tooManyUploadsFromOneAddressAre429() throws Exception {
        // A client of its own (behind the ingress) so other tests keep their bucket.
        String client = "X-Forwarded-For: 198.51.100.23\r\n";
        byte[] body = RawHttp.concat(RawHttp.partHead(), new byte[] {1, 2, 3}, RawHttp.partTail());
        double rejectedBefore = rejected("rate_limited");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 60 && !statuses.contains(429); i++) {
            statuses.add(RawHttp.exchangeStatus(port, RawHttp.uploadHead("/upload?persist=0", body.length, client), body));
        }

        assertThat(statuses.subList(0, 40)).containsOnly(200);
        assertThat(statuses).contains(429);
        assertThat(rejected("rate_limited")).isEqualTo(rejectedBefore + 1);
        // Other clients are not affected.
        assertThat(client().upload(new byte[] {4}, false)).hasSize(32);
        HttpResponse<String> other = HTTP.send(HttpRequest.newBuilder(base().resolve("upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + RawHttp.BOUNDARY)
                .header("X-Forwarded-For", "198.51.100.24")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(200);
    }
}
