package dev.parley.chat.message;

import dev.parley.chat.message.MessageRepository.NewMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Mono;

/**
 * Group commit: one thread takes every message waiting to be stored, up to {@link #MAX_BATCH},
 * and inserts them in one transaction, so a burst costs one commit (one fsync) instead of one per
 * message. Each caller learns when its own message is durable; only then may the sender get its ack.
 * The queue in front is bounded: when the database falls behind, new messages are refused
 * (the sender gets no ack and sends again) rather than piling up in memory.
 */
@Component
class MessageWriter implements SmartLifecycle {

    static final int MAX_BATCH = 500;
    private static final int CAPACITY = 50_000;
    private static final Logger log = LoggerFactory.getLogger(MessageWriter.class);

    private record Pending(NewMessage message, CompletableFuture<Void> stored) {
    }

    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final MessageRepository repository;
    private volatile Thread writer;

    MessageWriter(DataSource dataSource, MessageRepository repository) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.repository = repository;
    }

    /**
     * Queues the message now (the commit order is the order of these calls) and completes once it
     * is committed; errors when it could not be (queue full, database down).
     */
    Mono<Void> store(NewMessage message) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        if (!queue.offer(new Pending(message, stored))) {
            return Mono.error(new IllegalStateException("message store overloaded"));
        }
        return Mono.fromFuture(stored);
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (writer == Thread.currentThread() || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                List<NewMessage> rows = batch.stream().map(Pending::message).toList();
                transactions.executeWithoutResult(status -> repository.insertAll(jdbc, rows));
                batch.forEach(p -> p.stored().complete(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                log.warn("storing {} message(s) failed: {}", batch.size(), e.toString());
                batch.forEach(p -> p.stored().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::run, "chat-message-writer");
        thread.setDaemon(true);
        writer = thread;
        thread.start();
    }

    @Override
    public void stop() {
        Thread thread = writer;
        // The loop drains what is queued before it ends, so an orderly stop loses no accepted message.
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

    @Override
    public int getPhase() {
        // Stops after the CSP listener, so messages accepted before it closed are still committed.
        return Integer.MAX_VALUE - 2000;
    }
}
