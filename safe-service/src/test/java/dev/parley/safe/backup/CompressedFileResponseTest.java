package dev.parley.safe.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.encoding.Hex;
import dev.parley.safe.FileSystemStorage;
import dev.parley.safe.OpenSafeServiceTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A response the server compresses cannot carry a file region: the file then goes out in chunks
 * through the compressor. Operators may switch compression on for every content type.
 */
@FileSystemStorage
@TestPropertySource(properties = {
        "server.compression.enabled=true",
        "server.compression.mime-types=application/octet-stream",
        "server.compression.min-response-size=1"})
class CompressedFileResponseTest extends OpenSafeServiceTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aCompressedGetSendsTheWholeFileThroughTheCompressor() throws Exception {
        String id = Hex.encode(CryptoRandom.bytes(32));
        // Compressible, and larger than one chunk of the chunked path.
        byte[] body = new byte[100_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i % 7);
        }
        HttpResponse<Void> put = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "backups/" + id))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(put.statusCode()).isEqualTo(201);

        HttpResponse<byte[]> gzipped = get(id, "gzip");
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.body().length).isLessThan(body.length);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(body);
        }

        HttpResponse<byte[]> plain = get(id, "identity");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.headers().firstValueAsLong("Content-Length")).hasValue(body.length);
        assertThat(plain.body()).isEqualTo(body);
    }

    private HttpResponse<byte[]> get(String id, String encoding) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "backups/" + id))
                .header("Accept", "application/octet-stream")
                .header("Accept-Encoding", encoding).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
