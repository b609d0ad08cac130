package dev.parley.client.csp;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;

/**
 * The byte stream a CSP session runs over: a TCP socket to the chat server, or the proxy
 * messages of a D2M connection through the mediator. Each {@code flush()} of {@link #output()}
 * ends one CSP unit (the mediator carries exactly one unit per proxy message).
 */
public interface CspTransport extends Closeable {

    InputStream input() throws IOException;

    OutputStream output() throws IOException;

    /** Reads block at most this long; zero waits without limit (after the handshake). */
    void readTimeout(Duration timeout) throws IOException;

    boolean isClosed();

    static CspTransport of(Socket socket) {
        return new CspTransport() {
            @Override
            public InputStream input() throws IOException {
                return socket.getInputStream();
            }

            @Override
            public OutputStream output() throws IOException {
                return socket.getOutputStream();
            }

            @Override
            public void readTimeout(Duration timeout) throws IOException {
                socket.setSoTimeout((int) timeout.toMillis());
            }

            @Override
            public boolean isClosed() {
                return socket.isClosed();
            }

            @Override
            public void close() throws IOException {
                socket.close();
            }
        };
    }
}
