package dev.parley.blobstore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writers swap two versions of one object as fast as they can while readers read it whole; every
 * read must be one version in full. Shared by the store contract and the services' HTTP tests.
 */
public final class OldOrNew {

    /** Writes {@code next} as the object's new version. */
    public interface Write {
        void write(byte[] next) throws Exception;
    }

    /** Reads the whole object as it is now. */
    public interface Read {
        byte[] read() throws Exception;
    }

    private OldOrNew() {
    }

    /**
     * Runs {@code writers} threads of {@code writesEach} writes (alternating {@code b} and
     * {@code a}) against {@code readers} reading threads, and returns how many reads were made;
     * a read of anything but {@code a} or {@code b} fails it.
     */
    public static int race(byte[] a, byte[] b, int writers, int writesEach, int readers, Write write, Read read)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers + readers);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                writes.add(pool.submit(() -> {
                    for (int i = 0; i < writesEach; i++) {
                        write.write(i % 2 == 0 ? b : a);
                    }
                    return null;
                }));
            }
            List<Future<?>> reading = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                reading.add(pool.submit(() -> {
                    while (writing.get()) {
                        byte[] seen = read.read();
                        if (!Arrays.equals(seen, a) && !Arrays.equals(seen, b)) {
                            throw new AssertionError("read a mixed or torn version of " + seen.length + " bytes");
                        }
                        reads.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writes) {
                writer.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            for (Future<?> reader : reading) {
                reader.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
        return reads.get();
    }
}
