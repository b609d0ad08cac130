package dev.parley.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Hand-written HTTP/1.1 on a plain socket, for what an HTTP client library will not send: a
 * body cut off half way, a Content-Length that the body never reaches, an exact Host header.
 */
public final class RawHttp {

    public static final String BOUNDARY = "---------------------------Boundary_Line";

    private RawHttp() {
    }

    public static byte[] partHead() {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"blob\"; filename=\"blob.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] partTail() {
        return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    public static String uploadHead(String path, long contentLength, String extraHeaders) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
                + (contentLength >= 0 ? "Content-Length: " + contentLength + "\r\n" : "Transfer-Encoding: chunked\r\n")
                + extraHeaders + "\r\n";
    }

    /** Sends {@code head} and whatever of {@code body} the server takes, then reads the status line. */
    public static int exchangeStatus(int port, String head, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            Thread writer = new Thread(() -> {
                try {
                    out.write(body);
                    out.flush();
                } catch (IOException closedByServer) {
                    // The server may answer and close before taking the whole body.
                }
            });
            writer.start();
            return readStatus(socket.getInputStream());
        }
    }

    /** Sends {@code head} and {@code partialBody}, then closes the connection without finishing. */
    public static void sendAndAbort(int port, String head, byte[] partialBody) throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(partialBody);
            out.flush();
            Thread.sleep(200);
            socket.setSoLinger(true, 0);
        }
    }

    /** Chunked transfer encoding of {@code data} in chunks of {@code size}, with the final chunk. */
    public static byte[] chunked(byte[] data, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < data.length; i += size) {
            int n = Math.min(size, data.length - i);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(data, i, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static int readStatus(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            line.append((char) c);
        }
        String[] parts = line.toString().trim().split(" ");
        if (parts.length < 2) {
            throw new IOException("no HTTP status line: " + line);
        }
        return Integer.parseInt(parts[1]);
    }
}
