package dev.parley.directory;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real local HTTP server standing in for an SMS gateway: it records every webhook call. */
public final class SmsWebhookServer {

    public record Call(String authorization, String body) {
    }

    private final HttpServer server;
    private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();

    public SmsWebhookServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/sms", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(new Call(exchange.getRequestHeaders().getFirst("Authorization"), body));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/sms";
    }

    public Call next() throws InterruptedException {
        Call call = calls.poll(10, TimeUnit.SECONDS);
        if (call == null) {
            throw new AssertionError("no SMS webhook call within 10 s");
        }
        return call;
    }

    public void clear() {
        calls.clear();
    }
}
