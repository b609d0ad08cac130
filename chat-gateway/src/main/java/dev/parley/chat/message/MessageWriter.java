package dev.parley.chat.message;

import dev.parley.chat.message.MessageRepository.NewMessage;
import dev.parley.service.jdbc.GroupCommitWriter;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Mono;

/**
 * Stores messages by group commit: a burst of messages costs one transaction. A message is
 * durable when {@link #store} completes; only then may its sender get the ack. When the database
 * falls behind, new messages are refused (the sender gets no ack and sends again).
 */
@Component
class MessageWriter extends GroupCommitWriter<NewMessage> {

    static final int MAX_BATCH = 500;
    private static final int CAPACITY = 50_000;
    /** Message bytes waiting for storage on this node; frames are at most 8 KiB, so 50,000 could hold 400 MiB. */
    private static final long MAX_QUEUED_BYTES = 128L << 20;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final MessageRepository repository;

    MessageWriter(DataSource dataSource, MessageRepository repository) {
        super("chat-message-writer", MAX_BATCH, CAPACITY, MAX_QUEUED_BYTES);
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.repository = repository;
    }

    /** Completes once the message is committed; errors when it could not be (queue full, database down). */
    Mono<Void> store(NewMessage message) {
        return Mono.fromFuture(submit(message, message.payload().length));
    }

    @Override
    protected void write(List<NewMessage> batch) {
        transactions.executeWithoutResult(status -> repository.insertAll(jdbc, batch));
    }

    @Override
    public int getPhase() {
        // Stops after the CSP listener, so messages accepted before it closed are still committed.
        return Integer.MAX_VALUE - 2000;
    }
}
