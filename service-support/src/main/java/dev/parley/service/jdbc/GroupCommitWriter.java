package dev.parley.service.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Group commit: one thread takes every item waiting to be written, up to {@code maxBatch}, and
 * hands them to {@link #write} as one batch (one transaction, one commit, one fsync), so a burst
 * costs one commit instead of one per item. Each caller learns when its own item is durable.
 * The queue in front is bounded: when the database falls behind, new items are refused rather
 * than piling up in memory, by count and, where items carry a weight (their bytes), by the sum of
 * their weights. An orderly stop drains what was accepted before it ends.
 *
 * @param <T> what is written
 */
public abstract class GroupCommitWriter<T> implements SmartLifecycle {

    private record Pending<T>(T item, long weight, CompletableFuture<Void> written) {
    }

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String threadName;
    private final int maxBatch;
    private final BlockingQueue<Pending<T>> queue;
    private final long maxQueuedWeight;
    private final AtomicLong queuedWeight = new AtomicLong();
    private volatile Thread writer;

    protected GroupCommitWriter(String threadName, int maxBatch, int capacity) {
        this(threadName, maxBatch, capacity, Long.MAX_VALUE);
    }

    protected GroupCommitWriter(String threadName, int maxBatch, int capacity, long maxQueuedWeight) {
        this.threadName = threadName;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxQueuedWeight = maxQueuedWeight;
    }

    /**
     * Queues {@code item} now (batches keep the order of these calls) and completes once it is
     * committed; fails at once when the queue is full, or later when its batch failed.
     */
    protected final CompletableFuture<Void> submit(T item) {
        return submit(item, 0);
    }

    /** As {@link #submit(Object)}; also fails at once when the queued weight would pass the maximum. */
    protected final CompletableFuture<Void> submit(T item, long weight) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        if (queuedWeight.addAndGet(weight) > maxQueuedWeight) {
            queuedWeight.addAndGet(-weight);
            written.completeExceptionally(new IllegalStateException(threadName + " overloaded"));
        } else if (!queue.offer(new Pending<>(item, weight, written))) {
            queuedWeight.addAndGet(-weight);
            written.completeExceptionally(new IllegalStateException(threadName + " overloaded"));
        }
        return written;
    }

    /** Writes one batch in one transaction; called on the writer thread only. */
    protected abstract void write(List<T> batch);

    /** Called after a batch committed and its callers were told. */
    protected void committed(List<T> batch) {
    }

    private void run() {
        List<Pending<T>> pending = new ArrayList<>(maxBatch);
        while (writer == Thread.currentThread() || !queue.isEmpty()) {
            boolean released = false;
            try {
                Pending<T> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                pending.add(first);
                queue.drainTo(pending, maxBatch - 1);
                List<T> batch = pending.stream().map(Pending::item).toList();
                write(batch);
                // The budget comes back before the callers learn, so what they submit next fits.
                release(pending);
                released = true;
                pending.forEach(p -> p.written().complete(null));
                committed(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                log.warn("writing {} item(s) failed: {}", pending.size(), e.toString());
                if (!released) {
                    release(pending);
                }
                pending.forEach(p -> p.written().completeExceptionally(e));
            } finally {
                pending.clear();
            }
        }
    }

    private void release(List<Pending<T>> written) {
        long weight = 0;
        for (Pending<T> p : written) {
            weight += p.weight();
        }
        queuedWeight.addAndGet(-weight);
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        writer = thread;
        thread.start();
    }

    @Override
    public void stop() {
        Thread thread = writer;
        writer = null;
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return writer != null;
    }
}
