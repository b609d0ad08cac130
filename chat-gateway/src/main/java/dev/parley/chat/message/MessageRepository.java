package dev.parley.chat.message;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The message queue in PostgreSQL. Blocking: call it off the event loop. */
@Repository
class MessageRepository {

    /** A message to store: its receiver, sender, ID, flags that matter for storage, expiry and bytes. */
    record NewMessage(String receiver, String sender, long messageId, boolean noAck, Instant expiresAt, byte[] payload) {
    }

    /** Inserts all rows in one statement batch (one round trip); a repeated (receiver, sender, ID) is stored once. */
    void insertAll(JdbcTemplate jdbc, List<NewMessage> messages) {
        jdbc.batchUpdate("INSERT INTO messages (receiver, sender, message_id, no_ack, expires_at, payload) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (receiver, sender, message_id) DO NOTHING",
                messages.stream().map(m -> new Object[] {m.receiver(), m.sender(), m.messageId(), m.noAck(),
                        Timestamp.from(m.expiresAt()), m.payload()}).toList());
    }

    List<QueuedMessage> queued(JdbcClient jdbc, String receiver, long afterSeq, int limit) {
        return jdbc.sql("SELECT seq, sender, message_id, no_ack, payload FROM messages "
                        + "WHERE receiver = ? AND seq > ? AND expires_at > now() ORDER BY seq LIMIT ?")
                .params(receiver, afterSeq, limit)
                .query((rs, row) -> new QueuedMessage(rs.getLong("seq"), rs.getString("sender"), rs.getLong("message_id"),
                        rs.getBoolean("no_ack"), rs.getBytes("payload")))
                .list();
    }

    int delete(JdbcClient jdbc, String receiver, String sender, long messageId) {
        return jdbc.sql("DELETE FROM messages WHERE receiver = ? AND sender = ? AND message_id = ?")
                .params(receiver, sender, messageId).update();
    }

    /** Deletes up to {@code limit} expired messages, oldest first; the caller repeats until none are left. */
    int deleteExpired(JdbcClient jdbc, int limit) {
        return jdbc.sql("DELETE FROM messages WHERE seq IN (SELECT seq FROM messages WHERE expires_at <= now() "
                        + "ORDER BY expires_at LIMIT ?)")
                .param(limit).update();
    }

    long count(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM messages").query(Long.class).single();
    }
}
