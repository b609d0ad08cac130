package dev.parley.client.d2m;

import dev.parley.client.csp.CspTransport;
import dev.parley.common.d2m.D2mPayloadType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A D2M connection's proxy messages as the CSP byte stream (PROTOCOLS.md §6.4): one outgoing proxy
 * message per flush, incoming units read in order. An empty unit in the queue marks the end.
 */
final class D2mProxyTransport implements CspTransport {

    private final D2mClient client;
    private final BlockingQueue<byte[]> proxied;
    private volatile long readTimeoutMillis;
    private byte[] current = new byte[0];
    private int position;

    private final InputStream input = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (position == current.length) {
                byte[] next;
                try {
                    next = readTimeoutMillis > 0
                            ? proxied.poll(readTimeoutMillis, TimeUnit.MILLISECONDS) : proxied.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException();
                }
                if (next == null) {
                    throw new SocketTimeoutException("no CSP data through the mediator");
                }
                if (next.length == 0) {
                    proxied.add(next);
                    throw new D2mClosedException(client.awaitCloseCode(Duration.ofMillis(200)),
                            "the mediator closed the connection that carried CSP");
                }
                current = next;
                position = 0;
            }
            int n = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
            return n;
        }
    };

    private final OutputStream output = new OutputStream() {
        private final ByteArrayOutputStream unit = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            unit.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            unit.write(b, off, len);
        }

        @Override
        public synchronized void flush() throws IOException {
            if (unit.size() > 0) {
                byte[] bytes = unit.toByteArray();
                unit.reset();
                client.send(D2mPayloadType.PROXY, bytes);
            }
        }
    };

    D2mProxyTransport(D2mClient client, BlockingQueue<byte[]> proxied) {
        this.client = client;
        this.proxied = proxied;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void readTimeout(Duration timeout) {
        readTimeoutMillis = timeout.toMillis();
    }

    @Override
    public boolean isClosed() {
        return client.isClosed();
    }

    @Override
    public void close() {
        client.close();
    }
}
