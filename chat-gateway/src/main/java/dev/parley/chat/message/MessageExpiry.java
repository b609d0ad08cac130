package dev.parley.chat.message;

import dev.parley.chat.ChatProperties;
import dev.parley.service.jdbc.BlockingJdbc;
import dev.parley.service.schedule.PeriodicJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes expired messages in batches of {@link #BATCH} through the expiry index, so the cost of a
 * sweep follows what expired, not the size of the queue.
 */
@Component
class MessageExpiry extends PeriodicJob {

    static final int BATCH = 5000;
    private static final Logger log = LoggerFactory.getLogger(MessageExpiry.class);

    private final BlockingJdbc jdbc;
    private final MessageRepository repository;

    MessageExpiry(BlockingJdbc jdbc, MessageRepository repository, ChatProperties properties) {
        super("chat-message-expiry", properties.messages().expirySweep());
        this.jdbc = jdbc;
        this.repository = repository;
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
    protected void runOnce() {
        long deleted = sweep();
        if (deleted > 0) {
            log.info("deleted {} expired message(s)", deleted);
        }
    }
}
