package dev.parley.directory.work;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Work organisations, categories and users. Blocking: call it through {@code BlockingJdbc}. */
@Repository
public class WorkRepository {

    private static final String USER_COLUMNS = "u.id, u.org_id, o.name AS org_name, u.username, u.password_hash, "
            + "u.identity_id, i.public_key, u.first_name, u.last_name, u.job_title, u.department, u.csi, u.categories, u.properties";
    private static final String USER_FROM = " FROM work_users u JOIN work_orgs o ON o.id = u.org_id "
            + "LEFT JOIN identities i ON i.id = u.identity_id ";

    public long createOrg(JdbcClient jdbc, String name, String supportUrl, String logoLight, String logoDark,
                          boolean directoryEnabled) {
        return jdbc.sql("INSERT INTO work_orgs (name, support_url, logo_light_url, logo_dark_url, directory_enabled) "
                        + "VALUES (?, ?, ?, ?, ?) RETURNING id")
                .params(name, supportUrl, logoLight, logoDark, directoryEnabled).query(Long.class).single();
    }

    public void putCategory(JdbcClient jdbc, long orgId, String id, String label) {
        jdbc.sql("INSERT INTO work_categories (org_id, id, label) VALUES (?, ?, ?) "
                + "ON CONFLICT (org_id, id) DO UPDATE SET label = EXCLUDED.label").params(orgId, id, label).update();
    }

    public Optional<WorkOrg> findOrg(JdbcClient jdbc, long orgId) {
        Map<String, String> categories = new LinkedHashMap<>();
        jdbc.sql("SELECT id, label FROM work_categories WHERE org_id = ? ORDER BY id").param(orgId)
                .query((rs, row) -> categories.put(rs.getString("id"), rs.getString("label"))).list();
        return jdbc.sql("SELECT id, name, support_url, logo_light_url, logo_dark_url, directory_enabled, mdm_override, "
                        + "mdm_params::text AS mdm_params FROM work_orgs WHERE id = ?")
                .param(orgId)
                .query((rs, row) -> new WorkOrg(rs.getLong("id"), rs.getString("name"), rs.getString("support_url"),
                        rs.getString("logo_light_url"), rs.getString("logo_dark_url"), rs.getBoolean("directory_enabled"),
                        categories, new WorkOrg.Mdm(rs.getBoolean("mdm_override"), MdmParams.parse(rs.getString("mdm_params")))))
                .optional();
    }

    /** Replaces the organisation's MDM parameters; false when there is no such organisation. */
    public boolean setMdm(JdbcClient jdbc, long orgId, WorkOrg.Mdm mdm) {
        return jdbc.sql("UPDATE work_orgs SET mdm_override = ?, mdm_params = ?::jsonb WHERE id = ?")
                .params(mdm.override(), MdmParams.json(mdm.params()), orgId).update() == 1;
    }

    public List<WorkOrg> listOrgs(JdbcClient jdbc) {
        return jdbc.sql("SELECT id FROM work_orgs ORDER BY id").query(Long.class).list().stream()
                .map(id -> findOrg(jdbc, id).orElseThrow()).toList();
    }

    public long createUser(JdbcClient jdbc, long orgId, String username, String passwordHash, String firstName,
                           String lastName, String jobTitle, String department, String csi, List<String> categories) {
        return jdbc.sql("INSERT INTO work_users (org_id, username, password_hash, first_name, last_name, job_title, "
                        + "department, csi, categories) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
                .params(orgId, username, passwordHash, firstName, lastName, jobTitle, department, csi,
                        categories.toArray(String[]::new))
                .query(Long.class).single();
    }

    public Optional<WorkUser> findUser(JdbcClient jdbc, String username) {
        return jdbc.sql("SELECT " + USER_COLUMNS + USER_FROM + "WHERE u.username = ?").param(username)
                .query(WorkRepository::mapUser).optional();
    }

    public Optional<WorkUser> findUserByIdentity(JdbcClient jdbc, String identity) {
        return jdbc.sql("SELECT " + USER_COLUMNS + USER_FROM + "WHERE u.identity_id = ?::bpchar").param(identity)
                .query(WorkRepository::mapUser).optional();
    }

    /** Users of the organisation that have a usable identity; {@code among} restricts to those IDs when not null. */
    public List<WorkUser> orgContacts(JdbcClient jdbc, long orgId, Collection<String> among, int limit) {
        String filter = among == null ? "" : "AND u.identity_id = ANY (?::bpchar[]) ";
        var spec = jdbc.sql("SELECT " + USER_COLUMNS + USER_FROM + "WHERE u.org_id = ? AND u.identity_id IS NOT NULL AND i.revoked_at IS NULL "
                + filter + "ORDER BY u.identity_id LIMIT ?").param(orgId);
        if (among != null) {
            spec = spec.param(among.toArray(String[]::new));
        }
        return spec.param(limit).query(WorkRepository::mapUser).list();
    }

    /**
     * A directory page: users of the organisation with a usable identity whose first name, last
     * name or job title contains {@code query} ({@code null} for everyone), in one of
     * {@code categories} when not empty.
     */
    public List<WorkUser> search(JdbcClient jdbc, long orgId, String query, List<String> categories, String sortColumn,
                                 boolean ascending, int offset, int limit) {
        return jdbc.sql("SELECT " + USER_COLUMNS + USER_FROM + searchWhere(query, categories)
                        + "ORDER BY " + sortColumn + (ascending ? " ASC" : " DESC") + " NULLS LAST, u.identity_id "
                        + "OFFSET ? LIMIT ?")
                .params(searchParams(orgId, query, categories, offset, limit))
                .query(WorkRepository::mapUser).list();
    }

    public long searchCount(JdbcClient jdbc, long orgId, String query, List<String> categories) {
        return jdbc.sql("SELECT count(*)" + USER_FROM + searchWhere(query, categories))
                .params(searchParams(orgId, query, categories, -1, -1)).query(Long.class).single();
    }

    private static String searchWhere(String query, List<String> categories) {
        return "WHERE u.org_id = ? AND u.identity_id IS NOT NULL AND i.revoked_at IS NULL "
                + (query == null ? "" : "AND (u.first_name ILIKE ? OR u.last_name ILIKE ? OR u.job_title ILIKE ?) ")
                + (categories.isEmpty() ? "" : "AND u.categories && ?::text[] ");
    }

    private static Object[] searchParams(long orgId, String query, List<String> categories, int offset, int limit) {
        List<Object> params = new java.util.ArrayList<>();
        params.add(orgId);
        if (query != null) {
            String like = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.addAll(List.of(like, like, like));
        }
        if (!categories.isEmpty()) {
            params.add(categories.toArray(String[]::new));
        }
        if (offset >= 0) {
            params.add(offset);
            params.add(limit);
        }
        return params.toArray();
    }

    public void attachIdentity(JdbcClient jdbc, long userId, String identity) {
        jdbc.sql("UPDATE work_users SET identity_id = ?::bpchar WHERE id = ?").params(identity, userId).update();
        jdbc.sql("UPDATE identities SET type = 1 WHERE id = ?::bpchar").param(identity).update();
    }

    public void updateInfo(JdbcClient jdbc, long userId, String firstName, String lastName, String csi, String category,
                           String jobTitle, String department, String nickname, String version) {
        jdbc.sql("UPDATE work_users SET first_name = coalesce(?, first_name), last_name = coalesce(?, last_name), "
                        + "csi = coalesce(?, csi), categories = CASE WHEN ?::text IS NULL THEN categories ELSE ARRAY[?::text] END, "
                        + "job_title = ?, department = ?, public_nickname = ?, client_version = ? WHERE id = ?")
                .params(firstName, lastName, csi, category, category, jobTitle, department, nickname, version, userId)
                .update();
    }

    public void setProperties(JdbcClient jdbc, long userId, byte[] properties) {
        jdbc.sql("UPDATE work_users SET properties = ? WHERE id = ?").params(properties, userId).update();
    }

    public long countOrgs(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM work_orgs").query(Long.class).single();
    }

    public long countUsers(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM work_users").query(Long.class).single();
    }

    static WorkUser mapUser(ResultSet rs, int row) throws SQLException {
        Array categories = rs.getArray("categories");
        List<String> list = categories == null ? List.of() : Arrays.asList((String[]) categories.getArray());
        String identity = rs.getString("identity_id");
        return new WorkUser(rs.getLong("id"), rs.getLong("org_id"), rs.getString("org_name"), rs.getString("username"),
                rs.getString("password_hash"), identity, rs.getBytes("public_key"), rs.getString("first_name"),
                rs.getString("last_name"), rs.getString("job_title"), rs.getString("department"), rs.getString("csi"),
                list, rs.getBytes("properties"));
    }
}
