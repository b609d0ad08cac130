package dev.parley.safe.backup;

import java.util.Arrays;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads a request body into one array while counting its bytes, failing with
 * {@link BodyTooLargeException} on the first buffer that takes it past the limit: the server never
 * holds more than {@code maxBytes} of a body and stops reading as soon as the limit is passed.
 */
final class BoundedBody {

    private byte[] data;
    private int length;
    private final long maxBytes;

    private BoundedBody(long maxBytes, long expectedLength) {
        this.maxBytes = maxBytes;
        // Content-Length (already checked against the limit) sizes the array once; without it grow.
        this.data = new byte[(int) (expectedLength >= 0 ? expectedLength : Math.min(maxBytes, 16 * 1024))];
    }

    static Mono<byte[]> read(Flux<DataBuffer> body, long maxBytes, long contentLength) {
        return body
                .collect(() -> new BoundedBody(maxBytes, contentLength), BoundedBody::append)
                .map(BoundedBody::bytes)
                .doOnDiscard(DataBuffer.class, DataBufferUtils::release);
    }

    private void append(DataBuffer buffer) {
        try {
            int readable = buffer.readableByteCount();
            if (length + (long) readable > maxBytes) {
                throw new BodyTooLargeException();
            }
            if (length + readable > data.length) {
                data = Arrays.copyOf(data, (int) Math.min(maxBytes, Math.max(data.length * 2L, length + (long) readable)));
            }
            buffer.read(data, length, readable);
            length += readable;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private byte[] bytes() {
        return length == data.length ? data : Arrays.copyOf(data, length);
    }
}
