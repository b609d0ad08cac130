package dev.parley.media.blob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.MediaServiceTest;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A compressed response cannot carry a file region: the range then goes out in chunks of the
 * open file, from the range's start, through the compressor.
 */
@TestPropertySource(properties = {
        "server.compression.enabled=true",
        "server.compression.mime-types=application/octet-stream",
        "server.compression.min-response-size=1"})
class CompressedDownloadTest extends MediaServiceTest {

    @Test
    void aCompressedRangeIsTheRangesBytes() throws Exception {
        // Compressible, and larger than one chunk of the chunked path.
        byte[] data = new byte[100_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 7 + i / 1000);
        }
        String id = client().upload(data, true);

        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(base().resolve(id))
                .header("Range", "bytes=12345-54321").header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 12_345, 54_322));
        }
    }
}
