package dev.parley.directory.remotesecret;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Remote secrets by the SHA-256 of their authentication token. Blocking: call it through {@code BlockingJdbc}. */
@Repository
class RemoteSecretRepository {

    /** A stored secret and whether its identity may still use it (false once revoked). */
    record Stored(byte[] secret, boolean identityUsable) {
    }

    int countForIdentity(JdbcClient jdbc, String identity) {
        return jdbc.sql("SELECT count(*) FROM work_remote_secrets WHERE identity_id = ?::bpchar").param(identity)
                .query(Integer.class).single();
    }

    void insert(JdbcClient jdbc, byte[] tokenHash, long workUserId, String identity, byte[] secret) {
        jdbc.sql("INSERT INTO work_remote_secrets (token_hash, work_user_id, identity_id, secret) VALUES (?, ?, ?, ?)")
                .params(tokenHash, workUserId, identity, secret).update();
    }

    Optional<Stored> find(JdbcClient jdbc, byte[] tokenHash) {
        return jdbc.sql("SELECT s.secret, i.revoked_at IS NULL AS usable FROM work_remote_secrets s "
                        + "JOIN identities i ON i.id = s.identity_id WHERE s.token_hash = ?")
                .param(tokenHash)
                .query((rs, row) -> new Stored(rs.getBytes("secret"), rs.getBoolean("usable")))
                .optional();
    }

    boolean delete(JdbcClient jdbc, byte[] tokenHash, long workUserId, String identity) {
        return jdbc.sql("DELETE FROM work_remote_secrets WHERE token_hash = ? AND work_user_id = ? AND identity_id = ?::bpchar")
                .params(tokenHash, workUserId, identity).update() == 1;
    }

    /** The operator's lock: every remote secret of the identity goes, so its apps can no longer unlock. */
    int deleteForIdentity(JdbcClient jdbc, String identity) {
        return jdbc.sql("DELETE FROM work_remote_secrets WHERE identity_id = ?::bpchar").param(identity).update();
    }
}
