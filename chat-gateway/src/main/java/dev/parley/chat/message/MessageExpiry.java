package dev.parley.chat.message;

import dev.parley.chat.ChatProperties;
import dev.parley.service.jdbc.BlockingJdbc;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Deletes expired messages in batches of {@link #BATCH} through the expiry index, so the cost of a
 * sweep follows what expired, not the size of the queue.
 */
@Component
class MessageExpiry implements SmartLifecycle {

    static final int BATCH = 5000;
    private static final Logger log = LoggerFactory.getLogger(MessageExpiry.class);

    private final BlockingJdbc jdbc;
    private final MessageRepository repository;
    private final long intervalMillis;
    private ScheduledExecutorService timer;

    MessageExpiry(BlockingJdbc jdbc, MessageRepository repository, ChatProperties properties) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.intervalMillis = properties.messages().expirySweep().toMillis();
    }

    /** Deletes every expired message; returns how many. */
    long sweep() {
        long total = 0;
        int deleted;
        do {
            deleted = jdbc.call(client -> repository.deleteExpired(client, BATCH)).block();
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "chat-message-expiry");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                long deleted = sweep();
                if (deleted > 0) {
                    log.info("deleted {} expired message(s)", deleted);
                }
            } catch (RuntimeException e) {
                log.warn("message expiry failed: {}", e.toString());
            }
        }, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
