package dev.parley.blobstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

class FileWritesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int PIECE = 8192;

    /**
     * Unpooled, so a buffer's reference count says whether it was released. The test keeps one
     * reference of its own to every piece: a leak leaves a count of 2, a second release one of 0.
     */
    private final NettyDataBufferFactory buffers = new NettyDataBufferFactory(new UnpooledByteBufAllocator(false));
    private final List<DataBuffer> handedOut = new ArrayList<>();

    @TempDir
    Path directory;

    private Flux<DataBuffer> pieces(byte[] bytes, int pieceSize) {
        List<DataBuffer> list = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += pieceSize) {
            DataBuffer piece = buffers.allocateBuffer(pieceSize);
            piece.write(bytes, at, Math.min(pieceSize, bytes.length - at));
            ((NettyDataBuffer) piece).getNativeBuffer().retain();
            list.add(piece);
        }
        handedOut.addAll(list);
        return Flux.fromIterable(list);
    }

    private void assertAllReleased() {
        assertThat(handedOut).allSatisfy(piece -> assertThat(((NettyDataBuffer) piece).getNativeBuffer().refCnt()).isOne());
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

    @Test
    void aFullDiskIsRecognisedAndEveryPieceReleased() throws IOException {
        // Linux's /dev/full fails every write with ENOSPC, as a full disk does.
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "no /dev/full here");
        try (AsynchronousFileChannel channel = AsynchronousFileChannel.open(full, StandardOpenOption.WRITE)) {
            assertThatThrownBy(() -> FileWrites.write(channel, pieces(random(40 * PIECE), PIECE), BlobStore.UNKNOWN_LENGTH).block(WAIT))
                    .satisfies(error -> assertThat(StorageFull.causedBy(error)).as("recognised: %s", error).isTrue());
        }
        assertAllReleased();
        assertThat(StorageFull.causedBy(new IOException("Connection reset by peer"))).isFalse();
        assertThat(StorageFull.causedBy(new IllegalStateException(new java.io.UncheckedIOException(
                new IOException("Disk quota exceeded"))))).isTrue();
    }

    @Test
    void aBufferWhoseWriteIsInFlightWhenTheUploadIsCancelledIsReleased() throws Exception {
        // One piece of a full write size goes to the channel as it is, so the test sees its count.
        HeldWrite channel = new HeldWrite();
        Flux<DataBuffer> endless = pieces(random(FileWrites.WRITE_SIZE), FileWrites.WRITE_SIZE).concatWith(Flux.never());
        Disposable upload = FileWrites.write(channel, endless, BlobStore.UNKNOWN_LENGTH).subscribe();
        assertThat(channel.started.await(10, TimeUnit.SECONDS)).isTrue();

        // The client leaves while the disk is still writing; the write then completes.
        upload.dispose();
        channel.complete();

        assertAllReleased();
    }

    /** A channel whose one write completes only when the test says so. */
    private static final class HeldWrite extends AsynchronousFileChannel {

        final CountDownLatch started = new CountDownLatch(1);
        private ByteBuffer source;
        private Object attachment;
        private CompletionHandler<Integer, Object> handler;

        @Override
        @SuppressWarnings("unchecked")
        public <A> void write(ByteBuffer src, long position, A attachment, CompletionHandler<Integer, ? super A> handler) {
            this.source = src;
            this.attachment = attachment;
            this.handler = (CompletionHandler<Integer, Object>) handler;
            started.countDown();
        }

        void complete() {
            int written = source.remaining();
            source.position(source.limit());
            handler.completed(written, attachment);
        }

        @Override
        public Future<Integer> write(ByteBuffer src, long position) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <A> void read(ByteBuffer dst, long position, A attachment, CompletionHandler<Integer, ? super A> handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<Integer> read(ByteBuffer dst, long position) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long size() {
            return 0;
        }

        @Override
        public AsynchronousFileChannel truncate(long size) {
            return this;
        }

        @Override
        public void force(boolean metaData) {
        }

        @Override
        public <A> void lock(long position, long size, boolean shared, A attachment, CompletionHandler<FileLock, ? super A> handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<FileLock> lock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
