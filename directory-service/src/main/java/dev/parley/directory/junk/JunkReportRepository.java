package dev.parley.directory.junk;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Junk reports, one per reporter and reported identity. Blocking: call it through {@code BlockingJdbc}. */
@Repository
public class JunkReportRepository {

    /** Records the report; a repeated report of the same pair only refreshes its time and nickname. */
    public void report(JdbcClient jdbc, String reported, String reporter, String nickname) {
        jdbc.sql("INSERT INTO junk_reports (reported_id, reporter_id, nickname) VALUES (?, ?, ?) "
                        + "ON CONFLICT (reported_id, reporter_id) DO UPDATE SET nickname = EXCLUDED.nickname, reported_at = now()")
                .params(reported, reporter, nickname).update();
    }

    /** How many distinct identities reported {@code reported}. */
    public long reporters(JdbcClient jdbc, String reported) {
        return jdbc.sql("SELECT count(*) FROM junk_reports WHERE reported_id = ?::bpchar").param(reported)
                .query(Long.class).single();
    }
}
