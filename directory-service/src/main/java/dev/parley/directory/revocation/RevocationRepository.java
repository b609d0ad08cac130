package dev.parley.directory.revocation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Revocation columns of {@code identities}. Blocking: call it through {@code BlockingJdbc}. */
@Repository
class RevocationRepository {

    boolean setKey(JdbcClient jdbc, String id, byte[] key) {
        return jdbc.sql("UPDATE identities SET revocation_key = ?, revocation_key_changed_at = now() "
                        + "WHERE id = ?::bpchar AND revoked_at IS NULL")
                .params(key, id).update() == 1;
    }

    /** Marks the identity revoked; false when it was unknown or already revoked. */
    boolean revoke(JdbcClient jdbc, String id) {
        return jdbc.sql("UPDATE identities SET revoked_at = now(), state = 2 WHERE id = ?::bpchar AND revoked_at IS NULL")
                .param(id).update() == 1;
    }
}
