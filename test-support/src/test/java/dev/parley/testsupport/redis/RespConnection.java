package dev.parley.testsupport.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The least RESP needed to prove a real Redis answers, without a client library: commands as
 * arrays of bulk strings, replies flattened to one line ("$5 hello" for a bulk string).
 */
final class RespConnection implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private RespConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    static RespConnection open(RedisServerInfo redis) throws IOException {
        Socket socket = new Socket(redis.host(), redis.port());
        socket.setSoTimeout(5000);
        return new RespConnection(socket);
    }

    String command(String... parts) throws IOException {
        StringBuilder request = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String part : parts) {
            request.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
        }
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        String reply = in.readLine();
        if (reply.startsWith("$") && !reply.equals("$-1")) {
            return reply + " " + in.readLine();
        }
        return reply;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
