package dev.parley.media.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.blobstore.BlobStore;
import dev.parley.blobstore.Snapshot;
import dev.parley.blobstore.StoredObject;
import dev.parley.media.MediaServiceTest;
import dev.parley.media.RawHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Uploads to a full disk: the blob store here writes every upload to Linux's /dev/full, which
 * fails each write with ENOSPC as a full disk does, and keeps everything else on the real store.
 */
class FullStorageTest extends MediaServiceTest {

    private static final Path FULL = Path.of("/dev/full");

    @Autowired
    MeterRegistry meters;

    @Test
    void anUploadToAFullDiskIs507AndLeavesNothing() throws Exception {
        assumeTrue(Files.isWritable(FULL), "no /dev/full here");
        long before = rows();
        double refusedBefore = meters.get("parley.media.uploads.rejected").tag("reason", "storage_full").counter().count();
        byte[] body = RawHttp.concat(RawHttp.partHead(), new byte[64 * 1024], RawHttp.partTail());

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "upload?persist=1"))
                .header("Content-Type", "multipart/form-data; boundary=" + RawHttp.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(507);
        assertThat(response.body()).isEqualTo("storage full");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(rows()).isEqualTo(before);
        assertThat(meters.get("parley.media.uploads.rejected").tag("reason", "storage_full").counter().count())
                .isEqualTo(refusedBefore + 1);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FullDisk {

        @Bean
        @Primary
        BlobStore fullDisk(@Qualifier("mediaBlobStore") BlobStore real) {
            return new BlobStore() {
                @Override
                public Mono<Long> put(String key, Flux<DataBuffer> content, long length) {
                    return Mono.usingWhen(
                            Mono.fromCallable(() -> AsynchronousFileChannel.open(FULL, StandardOpenOption.WRITE)),
                            channel -> DataBufferUtils.write(content, channel).doOnNext(DataBufferUtils::release).count(),
                            channel -> Mono.fromRunnable(() -> close(channel)));
                }

                @Override
                public Mono<Long> replace(String key, Flux<DataBuffer> content, long length) {
                    return put(key, content, length);
                }

                @Override
                public Mono<StoredObject> open(String key) {
                    return real.open(key);
                }

                @Override
                public Mono<Snapshot> snapshot(String key) {
                    return real.snapshot(key);
                }

                @Override
                public Mono<Void> delete(String key) {
                    return real.delete(key);
                }

                @Override
                public Mono<Boolean> exists(String key) {
                    return real.exists(key);
                }
            };
        }

        private static void close(AsynchronousFileChannel channel) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
