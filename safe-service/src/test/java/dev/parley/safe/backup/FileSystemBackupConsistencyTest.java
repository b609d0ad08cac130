package dev.parley.safe.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.encoding.Hex;
import dev.parley.safe.FileSystemStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The consistency tests on the filesystem backend, plus what the files on disk must show. */
@FileSystemStorage
class FileSystemBackupConsistencyTest extends StoredBackupConsistencyTest {

    private static Path file(String id) {
        return STORE_DIRECTORY.resolve(id.substring(0, 2)).resolve(id);
    }

    @Override
    boolean stored(String id) {
        return Files.exists(file(id));
    }

    private static long temporaryFiles() {
        return files(path -> path.getFileName().toString().startsWith(".put-"));
    }

    /** Descriptors of this JVM (which runs the service) open on a file of the store. */
    private static long openStoreFiles() {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).startsWith(STORE_DIRECTORY.toAbsolutePath());
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long files(Predicate<Path> matching) {
        try (Stream<Path> walk = Files.walk(STORE_DIRECTORY)) {
            return walk.filter(Files::isRegularFile).filter(matching).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitZero(LongSupplier count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (count.getAsLong() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(count.getAsLong()).isZero();
    }

    /** A GET sends the file it opened; the descriptor is closed once the response is out. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void getsLeaveNoFilesOpen() throws Exception {
        String id = Hex.encode(CryptoRandom.bytes(32));
        byte[] body = CryptoRandom.bytes(70_000);
        assertThat(put(id, body)).isEqualTo(201);

        for (int i = 0; i < 20; i++) {
            assertThat(get(id).body()).isEqualTo(body);
        }

        awaitZero(FileSystemBackupConsistencyTest::openStoreFiles);
    }

    @Test
    void aBackupIsOneFileUnderItsIdAndAMetadataRow() throws Exception {
        String id = Hex.encode(CryptoRandom.bytes(32));
        byte[] body = CryptoRandom.bytes(3000);

        assertThat(put(id, body)).isEqualTo(201);

        assertThat(file(id)).hasBinaryContent(body);
        assertThat(jdbc.sql("SELECT size FROM safe.backup_objects WHERE backup_id = :id").param("id", Hex.decode(id))
                .query(Long.class).single()).isEqualTo(3000);
        assertThat(jdbc.sql("SELECT count(*) FROM safe.backups WHERE backup_id = :id").param("id", Hex.decode(id))
                .query(Long.class).single()).isZero();
    }

    /** A file where the backup's directory should be makes every file-system call for it fail. */
    @Test
    void aFailingStoreIs503WithoutEchoingTheBackupId() throws Exception {
        String id;
        do {
            id = Hex.encode(CryptoRandom.bytes(32));
        } while (Files.exists(file(id).getParent()));
        Path blocker = Files.createFile(file(id).getParent());
        try {
            assertThat(put(id, new byte[] {1})).isEqualTo(503);
            var response = get(id);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(id);
        } finally {
            Files.delete(blocker);
        }
        assertThat(get(id).statusCode()).isEqualTo(404);
    }

    @Test
    void failedPutsLeaveNoTemporaryFiles() throws Exception {
        aConnectionDroppedMidBodyLeavesTheOldBackup();

        awaitZero(FileSystemBackupConsistencyTest::temporaryFiles);
    }
}
