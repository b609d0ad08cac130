package dev.parley.safe.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.encoding.Hex;
import dev.parley.safe.OpenSafeServiceTest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Every status code of {@code config} and {@code backups/<id>}, over real HTTP. */
class BackupApiTest extends OpenSafeServiceTest {

    static final int MAX = 524288;

    WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl(baseUrl()).responseTimeout(Duration.ofSeconds(30))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(2 * MAX)).build();
    }

    static String newId() {
        return Hex.encode(CryptoRandom.bytes(32));
    }

    WebTestClient.ResponseSpec put(String id, byte[] body) {
        return http.put().uri("backups/" + id).contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(body).exchange();
    }

    byte[] get(String id) {
        return http.get().uri("backups/" + id).accept(MediaType.APPLICATION_OCTET_STREAM).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .expectBody(byte[].class).returnResult().getResponseBody();
    }

    @Test
    void configReportsBothLimitsWithTheirDefaults() {
        http.get().uri("config").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.maxBackupBytes").isEqualTo(MAX)
                .jsonPath("$.retentionDays").isEqualTo(180);
    }

    @Test
    void putCreatesWith201ThenReplacesWith204() {
        String id = newId();
        byte[] first = CryptoRandom.bytes(1000);
        byte[] second = CryptoRandom.bytes(2000);

        put(id, first).expectStatus().isCreated();
        assertThat(get(id)).isEqualTo(first);
        put(id, second).expectStatus().isNoContent();
        assertThat(get(id)).isEqualTo(second);
    }

    @Test
    void getOfAnUnknownBackupIs404() {
        http.get().uri("backups/" + newId()).accept(MediaType.APPLICATION_OCTET_STREAM).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void getAcceptsWildcardsAndAMissingAcceptHeader() {
        String id = newId();
        byte[] body = CryptoRandom.bytes(10);
        put(id, body).expectStatus().isCreated();

        for (String accept : new String[] {"*/*", "application/*", "text/plain;q=0.5, application/octet-stream"}) {
            http.get().uri("backups/" + id).header(HttpHeaders.ACCEPT, accept).exchange()
                    .expectStatus().isOk()
                    .expectBody(byte[].class).isEqualTo(body);
        }
        http.get().uri("backups/" + id).exchange().expectStatus().isOk();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/plain", "application/octet-stream;q=0", "not a media type"})
    void getWithAnAcceptThatRulesOutOctetStreamIs400(String accept) {
        String id = newId();
        put(id, new byte[] {1}).expectStatus().isCreated();

        http.get().uri("backups/" + id).header(HttpHeaders.ACCEPT, accept).exchange()
                .expectStatus().isBadRequest();
        http.head().uri("backups/" + id).header(HttpHeaders.ACCEPT, accept).exchange()
                .expectStatus().isBadRequest();
    }

    @Test
    void headReportsTheSizeWithoutABodyAnd404WhenAbsent() {
        String id = newId();
        put(id, new byte[1234]).expectStatus().isCreated();

        http.head().uri("backups/" + id).accept(MediaType.APPLICATION_OCTET_STREAM).exchange()
                .expectStatus().isOk()
                .expectHeader().contentLength(1234)
                .expectBody().isEmpty();
        http.head().uri("backups/" + newId()).accept(MediaType.APPLICATION_OCTET_STREAM).exchange()
                .expectStatus().isNotFound()
                .expectBody().isEmpty();
    }

    @Test
    void deleteIs204ThenTheBackupIsGoneAndASecondDeleteIs404() {
        String id = newId();
        put(id, new byte[] {1, 2, 3}).expectStatus().isCreated();

        http.delete().uri("backups/" + id).exchange().expectStatus().isNoContent();
        http.get().uri("backups/" + id).exchange().expectStatus().isNotFound();
        http.delete().uri("backups/" + id).exchange().expectStatus().isNotFound();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/plain", "application/x-www-form-urlencoded", "application/octet-streams"})
    void putWithAnotherContentTypeIs400AndStoresNothing(String contentType) {
        String id = newId();

        http.put().uri("backups/" + id).header(HttpHeaders.CONTENT_TYPE, contentType).bodyValue(new byte[] {1}).exchange()
                .expectStatus().isBadRequest();
        http.get().uri("backups/" + id).exchange().expectStatus().isNotFound();
    }

    @Test
    void putWithoutContentTypeIs400() {
        http.put().uri("backups/" + newId()).bodyValue(new byte[] {1}).exchange()
                .expectStatus().isBadRequest();
    }

    @Test
    void contentTypeParametersAreAccepted() {
        http.put().uri("backups/" + newId()).header(HttpHeaders.CONTENT_TYPE, "Application/Octet-Stream; foo=bar")
                .bodyValue(new byte[] {1}).exchange()
                .expectStatus().isCreated();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6E7F8A9B0C1D2E3F4A5B6C7D8E9F0A1B2",
            "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1B2",
            "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b",
            "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c",
            "g1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2",
            "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1-2",
            "x"})
    void badBackupIdsAre400ForEveryMethod(String id) {
        put(id, new byte[] {1}).expectStatus().isBadRequest();
        http.get().uri("backups/" + id).accept(MediaType.APPLICATION_OCTET_STREAM).exchange().expectStatus().isBadRequest();
        http.head().uri("backups/" + id).exchange().expectStatus().isBadRequest();
        http.delete().uri("backups/" + id).exchange().expectStatus().isBadRequest();
    }

    @Test
    void exactlyMaxBackupBytesIsAccepted() {
        String id = newId();
        byte[] body = CryptoRandom.bytes(MAX);

        put(id, body).expectStatus().isCreated();
        assertThat(get(id)).isEqualTo(body);
    }

    @Test
    void oversizeBodyIs413AndLeavesTheOldBackupIntact() {
        String id = newId();
        byte[] old = CryptoRandom.bytes(100);
        put(id, old).expectStatus().isCreated();

        put(id, new byte[MAX + 1]).expectStatus().isEqualTo(413);
        assertThat(get(id)).isEqualTo(old);
    }

    @Test
    void oversizeContentLengthIs413BeforeAnyBodyIsSent() throws Exception {
        String id = newId();
        try (Socket socket = new Socket("127.0.0.1", serverPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /backups/" + id + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: 1000000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Not a single body byte sent: the answer must come from the header alone.
            assertThat(statusLine(socket.getInputStream())).startsWith("HTTP/1.1 413");
        }
        http.get().uri("backups/" + id).exchange().expectStatus().isNotFound();
    }

    @Test
    void chunkedBodyIsRefusedAsSoonAsItPassesTheLimit() throws Exception {
        String id = newId();
        try (Socket socket = new Socket("127.0.0.1", serverPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /backups/" + id + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[8192];
            int sent = 0;
            while (sent <= MAX) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                sent += chunk.length;
            }
            out.flush();
            // The stream is neither finished nor anywhere near its end: the server must not wait for it.
            assertThat(statusLine(socket.getInputStream())).startsWith("HTTP/1.1 413");
        }
        http.get().uri("backups/" + id).exchange().expectStatus().isNotFound();
    }

    private static String statusLine(InputStream in) throws Exception {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void unknownPathsAndMethodsAreNotServed() {
        http.get().uri("backups").exchange().expectStatus().isNotFound();
        http.get().uri("backups/" + newId() + "/x").exchange().expectStatus().isNotFound();
        http.method(HttpMethod.POST).uri("backups/" + newId()).exchange().expectStatus().is4xxClientError();
    }

    @Test
    void storedBytesAreExactlyTheUploadedOnes() {
        String id = newId();
        byte[] body = new byte[256];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        put(id, body).expectStatus().isCreated();

        assertThat(Arrays.equals(get(id), body)).isTrue();
    }
}
