package dev.parley.blobstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.publisher.Flux;

class FileWritesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int PIECE = 8192;

    /** Unpooled, so a buffer's reference count says whether it was released. */
    private final NettyDataBufferFactory buffers = new NettyDataBufferFactory(new UnpooledByteBufAllocator(false));
    private final List<DataBuffer> handedOut = new ArrayList<>();

    @TempDir
    Path directory;

    private Flux<DataBuffer> pieces(byte[] bytes, int pieceSize) {
        List<DataBuffer> list = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += pieceSize) {
            DataBuffer piece = buffers.allocateBuffer(pieceSize);
            piece.write(bytes, at, Math.min(pieceSize, bytes.length - at));
            list.add(piece);
        }
        handedOut.addAll(list);
        return Flux.fromIterable(list);
    }

    private void assertAllReleased() {
        assertThat(handedOut).allSatisfy(piece -> assertThat(((NettyDataBuffer) piece).getNativeBuffer().refCnt()).isZero());
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void bodyPiecesAreWrittenInBuffersOfAQuarterMebibyte() {
        byte[] bytes = random(100 * PIECE);

        List<Integer> sizes = FileWrites.coalesce(pieces(bytes, PIECE))
                .map(joined -> {
                    int size = joined.readableByteCount();
                    DataBufferUtils.release(joined);
                    return size;
                })
                .collectList().block(WAIT);

        assertThat(sizes).containsExactly(FileWrites.WRITE_SIZE, FileWrites.WRITE_SIZE, FileWrites.WRITE_SIZE,
                100 * PIECE - 3 * FileWrites.WRITE_SIZE);
        assertAllReleased();
    }

    @Test
    void theFileHoldsEveryByteInOrderWhateverThePieces() throws IOException {
        for (int size : new int[] {0, 1, PIECE, FileWrites.WRITE_SIZE, FileWrites.WRITE_SIZE + 1, 1_000_003}) {
            byte[] bytes = random(size);
            Path file = directory.resolve("blob-" + size);
            try (AsynchronousFileChannel channel = AsynchronousFileChannel.open(file,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                assertThat(FileWrites.write(channel, pieces(bytes, 7000), size).block(WAIT)).isEqualTo(size);
            }
            assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        }
        assertAllReleased();
    }

    @Test
    void piecesWaitingToBeJoinedAreReleasedWhenTheBodyFails() throws IOException {
        byte[] bytes = random(10 * PIECE);
        Flux<DataBuffer> failing = pieces(bytes, PIECE).concatWith(Flux.error(new IOException("client went away")));
        Path file = directory.resolve("broken");
        try (AsynchronousFileChannel channel = AsynchronousFileChannel.open(file,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            assertThatThrownBy(() -> FileWrites.write(channel, failing, BlobStore.UNKNOWN_LENGTH).block(WAIT))
                    .hasMessageContaining("client went away");
        }
        assertAllReleased();
    }

    @Test
    void aBodyLongerThanDeclaredFails() throws IOException {
        byte[] bytes = random(3 * PIECE);
        try (AsynchronousFileChannel channel = AsynchronousFileChannel.open(directory.resolve("long"),
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            assertThatThrownBy(() -> FileWrites.write(channel, pieces(bytes, PIECE), 2 * PIECE).block(WAIT))
                    .hasMessageContaining("longer than declared");
        }
        assertAllReleased();
    }
}
