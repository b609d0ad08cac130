package dev.parley.blobstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** File-system calls both stores make. */
final class LocalFiles {

    private LocalFiles() {
    }

    /** Creates {@code directory} when missing; {@code what} names it in the error. */
    static Path createDirectories(Path directory, String what) {
        Path absolute = directory.toAbsolutePath().normalize();
        try {
            return Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + what + " " + absolute, e);
        }
    }

    /** fsync of a directory, which the JDK offers only through a channel opened on it. */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Deletes the file on {@code blocking}; a missing file is not an error. */
    static Mono<Void> delete(Path file, Scheduler blocking) {
        return Mono.<Void>fromRunnable(() -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).subscribeOn(blocking);
    }
}
