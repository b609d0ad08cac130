package dev.parley.safe.backup;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;

/**
 * Passes a request body through unchanged while counting it, and fails with
 * {@link BodyTooLargeException} on the first buffer that takes it past the limit, which cancels
 * the body: nothing past the limit is read or written, and the store discards what it had.
 */
final class LimitedBody {

    private LimitedBody() {
    }

    static Flux<DataBuffer> limit(Flux<DataBuffer> body, long maxBytes) {
        return Flux.defer(() -> {
            long[] seen = {0};
            return body.handle((DataBuffer buffer, SynchronousSink<DataBuffer> sink) -> {
                seen[0] += buffer.readableByteCount();
                if (seen[0] > maxBytes) {
                    DataBufferUtils.release(buffer);
                    sink.error(new BodyTooLargeException());
                } else {
                    sink.next(buffer);
                }
            });
        });
    }
}
