package dev.parley.directory.admin;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Licence keys added through the admin API ({@code licence_keys}). */
@Repository
public class LicenceKeyRepository {

    /** True when the key was new. */
    public boolean add(JdbcClient jdbc, String key) {
        return jdbc.sql("INSERT INTO licence_keys (licence_key) VALUES (?) ON CONFLICT DO NOTHING").param(key).update() == 1;
    }

    public boolean exists(JdbcClient jdbc, String key) {
        return jdbc.sql("SELECT count(*) FROM licence_keys WHERE licence_key = ?").param(key).query(Long.class).single() > 0;
    }

    public long count(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM licence_keys").query(Long.class).single();
    }
}
