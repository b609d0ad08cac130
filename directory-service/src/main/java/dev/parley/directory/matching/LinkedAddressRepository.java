package dev.parley.directory.matching;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Hashes of linked, verified addresses ({@code linked_emails}, {@code linked_phones}). Lookups
 * take the submitted hashes as query parameters only; nothing submitted is ever written.
 */
@Repository
public class LinkedAddressRepository {

    /** Which table: email or phone. */
    public enum Kind {
        EMAIL("linked_emails", "email_hash"),
        PHONE("linked_phones", "phone_hash");

        private final String table;
        private final String column;

        Kind(String table, String column) {
            this.table = table;
            this.column = column;
        }
    }

    /** A linked identity whose address hash was among the submitted ones. */
    public record Match(String identity, byte[] publicKey, int state, byte[] hash) {
    }

    public List<Match> match(JdbcClient jdbc, Kind kind, List<byte[]> hashes, boolean includeInactive) {
        if (hashes.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT i.id, i.public_key, i.state, l." + kind.column + " AS hash FROM " + kind.table + " l "
                + "JOIN identities i ON i.id = l.identity_id "
                + "WHERE l." + kind.column + " = ANY (?) AND i.revoked_at IS NULL AND i.state " + (includeInactive ? "<> 2" : "= 0");
        return jdbc.sql(sql).param(hashes.toArray(byte[][]::new))
                .query((rs, row) -> new Match(rs.getString("id"), rs.getBytes("public_key"), rs.getInt("state"),
                        rs.getBytes("hash")))
                .list();
    }

    public Optional<byte[]> linkedHash(JdbcClient jdbc, Kind kind, String identity) {
        return jdbc.sql("SELECT " + kind.column + " FROM " + kind.table + " WHERE identity_id = ?::bpchar")
                .param(identity).query(byte[].class).optional();
    }

    public void link(JdbcClient jdbc, Kind kind, String identity, byte[] hash) {
        jdbc.sql("INSERT INTO " + kind.table + " (identity_id, " + kind.column + ") VALUES (?::bpchar, ?) "
                        + "ON CONFLICT (identity_id) DO UPDATE SET " + kind.column + " = EXCLUDED." + kind.column
                        + ", linked_at = now()")
                .params(identity, hash).update();
    }

    public boolean unlink(JdbcClient jdbc, Kind kind, String identity) {
        return jdbc.sql("DELETE FROM " + kind.table + " WHERE identity_id = ?::bpchar").param(identity).update() == 1;
    }

    public long count(JdbcClient jdbc, Kind kind) {
        return jdbc.sql("SELECT count(*) FROM " + kind.table).query(Long.class).single();
    }
}
