package dev.parley.blobstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * Holds one version of a file by giving its inode a second name: a hard link in a directory of
 * pins beside the objects. A server can then send the pin with {@code sendfile}, which opens by
 * path only once the response headers are out, and still send exactly the bytes whose length it
 * announced, even if a replace renamed a new file over the object meanwhile.
 *
 * <p>A pin's name carries the time it was made, because a link shares the inode's timestamps
 * with the object. Pins left behind by a process that died are removed when a store starts.
 */
final class FilePins {

    static final String DIRECTORY = ".pins";
    private static final String PREFIX = "pin-";
    private static final Duration STALE = Duration.ofHours(1);
    private static final int READ_BUFFER_SIZE = 64 * 1024;
    private static final int MAX_LINK_ATTEMPTS = 100;

    private final Path directory;
    private final Scheduler blocking;
    private final String instance = Long.toHexString(ThreadLocalRandom.current().nextLong());
    private final AtomicLong sequence = new AtomicLong();

    FilePins(Path directory, Scheduler blocking) {
        this.directory = directory;
        this.blocking = blocking;
        try {
            Files.createDirectories(directory);
            removeStale();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare pin directory " + directory, e);
        }
    }

    /** The pinned file, or null (an empty Mono to the caller) when there is no file at {@code path}. */
    Snapshot pin(Path path) throws IOException {
        Path pin = directory.resolve(PREFIX + System.currentTimeMillis() + "-" + instance + "-" + sequence.incrementAndGet());
        if (!link(pin, path)) {
            return null;
        }
        try {
            return new PinnedFile(pin, Files.size(pin), blocking);
        } catch (IOException e) {
            Files.deleteIfExists(pin);
            throw e;
        }
    }

    /**
     * link(2) fails with ENOENT not only when there is no file but also when a rename replaced
     * the file between the lookup of the path and the link, because the old inode has just lost
     * its last name. The path then names the new file, so linking again succeeds.
     */
    private static boolean link(Path pin, Path path) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.createLink(pin, path);
                return true;
            } catch (NoSuchFileException missing) {
                if (!Files.exists(path)) {
                    return false;
                }
                if (attempt == MAX_LINK_ATTEMPTS) {
                    throw missing;
                }
            }
        }
    }

    private void removeStale() throws IOException {
        long cutoff = System.currentTimeMillis() - STALE.toMillis();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, PREFIX + "*")) {
            for (Path entry : entries) {
                if (madeAt(entry.getFileName().toString()) < cutoff) {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }

    private static long madeAt(String name) {
        int end = name.indexOf('-', PREFIX.length());
        try {
            return Long.parseLong(name.substring(PREFIX.length(), end < 0 ? name.length() : end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static final class PinnedFile implements Snapshot {

        private final Path pin;
        private final long size;
        private final Scheduler blocking;
        private final AtomicBoolean closed = new AtomicBoolean();

        PinnedFile(Path pin, long size, Scheduler blocking) {
            this.pin = pin;
            this.size = size;
            this.blocking = blocking;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public Flux<DataBuffer> content(DataBufferFactory buffers) {
            return DataBufferUtils.read(pin, buffers, READ_BUFFER_SIZE);
        }

        @Override
        public Optional<Path> localFile() {
            return Optional.of(pin);
        }

        /** Unlinking may block on a busy disk, and close is often called from an event loop. */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                blocking.schedule(() -> {
                    try {
                        Files.deleteIfExists(pin);
                    } catch (IOException ignored) {
                        // A leftover pin is removed when a store next starts.
                    }
                });
            }
        }
    }
}
