package dev.parley.directory.identity;

import dev.parley.common.crypto.CryptoRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code identities} table. Blocking: call it through {@code BlockingJdbc}. */
@Repository
public class IdentityRepository {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String COLUMNS = "id, public_key, state, type, feature_mask, server_group, created_at, "
            + "revocation_key, revocation_key_changed_at, revoked_at";
    private static final int MAX_ID_ATTEMPTS = 20;

    public Optional<Identity> find(JdbcClient jdbc, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM identities WHERE id = ?::bpchar").param(id)
                .query(IdentityRepository::map).optional();
    }

    public Optional<Identity> findByPublicKey(JdbcClient jdbc, byte[] publicKey) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM identities WHERE public_key = ?").param(publicKey)
                .query(IdentityRepository::map).optional();
    }

    public List<Identity> findAll(JdbcClient jdbc, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM identities WHERE id = ANY (?::bpchar[])")
                .param(ids.toArray(String[]::new))
                .query(IdentityRepository::map).list();
    }

    /**
     * Registers {@code publicKey} under a fresh random ID. Empty when the key is already
     * registered; an ID collision just draws again.
     */
    public Optional<Identity> create(JdbcClient jdbc, byte[] publicKey, int type, String serverGroup) {
        if (findByPublicKey(jdbc, publicKey).isPresent()) {
            return Optional.empty();
        }
        for (int attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
            String id = randomId();
            try {
                int inserted = jdbc.sql("INSERT INTO identities (id, public_key, type, server_group) VALUES (?, ?, ?, ?) "
                                + "ON CONFLICT (id) DO NOTHING")
                        .params(id, publicKey, type, serverGroup).update();
                if (inserted == 1) {
                    return find(jdbc, id);
                }
            } catch (DuplicateKeyException e) {
                // The same key registered concurrently: the unique public_key index decided.
                return Optional.empty();
            }
        }
        throw new IllegalStateException("no free identity after " + MAX_ID_ATTEMPTS + " attempts");
    }

    public boolean setFeatureMask(JdbcClient jdbc, String id, long mask) {
        return jdbc.sql("UPDATE identities SET feature_mask = ? WHERE id = ?::bpchar AND revoked_at IS NULL")
                .params(mask, id).update() == 1;
    }

    public boolean setState(JdbcClient jdbc, String id, int state) {
        return jdbc.sql("UPDATE identities SET state = ? WHERE id = ?::bpchar").params(state, id).update() == 1;
    }

    public boolean setType(JdbcClient jdbc, String id, int type) {
        return jdbc.sql("UPDATE identities SET type = ? WHERE id = ?::bpchar").params(type, id).update() == 1;
    }

    public long count(JdbcClient jdbc, boolean revoked) {
        return jdbc.sql("SELECT count(*) FROM identities WHERE revoked_at IS " + (revoked ? "NOT NULL" : "NULL"))
                .query(Long.class).single();
    }

    static String randomId() {
        char[] id = new char[8];
        int filled = 0;
        while (filled < id.length) {
            for (byte b : CryptoRandom.bytes(16)) {
                int value = b & 0xff;
                // Rejection sampling: 252 = 7 * 36, so every character is equally likely.
                if (value < 252 && filled < id.length) {
                    id[filled++] = ALPHABET.charAt(value % ALPHABET.length());
                }
            }
        }
        return new String(id);
    }

    static Identity map(ResultSet rs, int row) throws SQLException {
        return new Identity(rs.getString("id"), rs.getBytes("public_key"), rs.getInt("state"), rs.getInt("type"),
                rs.getLong("feature_mask"), rs.getString("server_group"), instant(rs.getTimestamp("created_at")),
                rs.getBytes("revocation_key"), instant(rs.getTimestamp("revocation_key_changed_at")),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
