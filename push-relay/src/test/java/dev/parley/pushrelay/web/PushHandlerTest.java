package dev.parley.pushrelay.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pushrelay.RelayIntegrationTest;
import dev.parley.pushrelay.testing.FakeUpstream.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code POST /push} on the wire: the exact bytes of the answers, the body bound before anything
 * is read, and the request metric that stands in for WebFlux's observation.
 */
class PushHandlerTest extends RelayIntegrationTest {

    @Autowired
    MeterRegistry meters;

    /**
     * Sends {@code request} as it is on a fresh connection and returns all the relay answered. The
     * requests ask for {@code Connection: close}, so that the end of the stream ends the answer, and
     * Reactor Netty then adds {@code connection: close} to it.
     */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", serverPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            int n;
            while ((n = in.read(chunk)) > 0) {
                answer.write(chunk, 0, n);
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static String post(String contentType, String body) {
        return "POST /push HTTP/1.1\r\nHost: relay\r\nConnection: close\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    @Test
    void refusalsAreByteExact() throws IOException {
        assertThat(raw(post("application/x-www-form-urlencoded", "type=none&token=t&session=s&version=1")))
                .isEqualTo("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 18\r\nconnection: close\r\n\r\n"
                        + "Invalid parameters");
        assertThat(raw(post("application/x-www-form-urlencoded", "token=t&version=1")))
                .isEqualTo("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 18\r\nconnection: close\r\n\r\n"
                        + "Missing parameters");
        assertThat(raw(post(null, "token=t&session=s&version=1")))
                .isEqualTo("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 20\r\nconnection: close\r\n\r\n"
                        + "Missing content type");
        assertThat(raw(post("text/plain; charset=utf-8", "x")))
                .isEqualTo("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 47\r\nconnection: close\r\n\r\n"
                        + "Invalid content type: text/plain; charset=utf-8");
    }

    @Test
    void deliveryAndProviderFailureAreByteExact() throws IOException {
        pushEndpointsAnswer(r -> Reply.json(200, "{\"name\":\"projects/parley-test/messages/9\"}"));
        assertThat(raw(post("application/x-www-form-urlencoded; charset=utf-8", "token=t&session=s&version=1")))
                .isEqualTo("HTTP/1.1 204 No Content\r\nContent-Type: text/plain\r\nconnection: close\r\n\r\n");
        pushEndpointsAnswer(r -> Reply.of(403, "no"));
        assertThat(raw(post("application/x-www-form-urlencoded", "token=t&session=s&version=1")))
                .isEqualTo("HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nContent-Length: 19\r\nconnection: close\r\n\r\n"
                        + "Push not successful");
    }

    @Test
    void declaredOversizedBodyIsRefusedBeforeItArrives() throws IOException {
        // Only the head is sent: the answer must not wait for the 100,000 bytes it announces.
        String answer = raw("POST /push HTTP/1.1\r\nHost: relay\r\nConnection: close\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 413 ");
        assertThat(UPSTREAM.poll()).isNull();
    }

    @Test
    void chunkedBodyOverTheBoundIs413() throws IOException {
        String chunk = "a".repeat(8000);
        String hex = Integer.toHexString(chunk.length());
        StringBuilder request = new StringBuilder("POST /push HTTP/1.1\r\nHost: relay\r\nConnection: close\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < 3; i++) {
            request.append(hex).append("\r\n").append(chunk).append("\r\n");
        }
        request.append("0\r\n\r\n");
        assertThat(raw(request.toString())).startsWith("HTTP/1.1 413 ");
        assertThat(UPSTREAM.poll()).isNull();
    }

    @Test
    void requestsAreTimedUnderHttpServerRequests() throws IOException {
        long before = count("400", "CLIENT_ERROR");
        raw(post("application/x-www-form-urlencoded", "type=none&token=t&session=s&version=1"));
        raw(post("application/x-www-form-urlencoded", "type=none&token=t&session=s&version=1"));
        // The timer stops once the answer is flushed, which can be just after the client has read it.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (count("400", "CLIENT_ERROR") < before + 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(count("400", "CLIENT_ERROR")).isEqualTo(before + 2);
    }

    private long count(String status, String outcome) {
        Timer timer = meters.find("http.server.requests").tag("uri", "/push").tag("method", "POST")
                .tag("status", status).tag("outcome", outcome).tag("exception", "none").tag("error", "none").timer();
        return timer == null ? 0 : timer.count();
    }
}
