package dev.parley.standalone.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/** The two administrative commands the launcher sends to its Redis, in RESP, without a client library. */
final class RedisWire {

    private static final int TIMEOUT_MILLIS = 2000;

    private RedisWire() {
    }

    /** True when a Redis on host:port answers PING. */
    static boolean ping(String host, int port) {
        try {
            return "+PONG".equals(command(host, port, "PING"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Asks Redis to persist and exit; it closes the connection instead of answering when it does. */
    static void shutdown(String host, int port) throws IOException {
        String reply;
        try {
            reply = command(host, port, "SHUTDOWN");
        } catch (SocketException e) {
            // The server going away mid-reply is the success case too.
            return;
        }
        if (reply != null && reply.startsWith("-")) {
            throw new IOException("Redis refused to shut down: " + reply);
        }
    }

    private static String command(String host, int port, String command) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(("*1\r\n$" + command.length() + "\r\n" + command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
