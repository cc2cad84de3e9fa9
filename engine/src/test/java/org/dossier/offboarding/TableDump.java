package org.dossier.offboarding;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dossier.Services;
import org.dossier.tenant.TenantId;

/**
 * Full dumps of stored rows, every column as text (bytes in hex), for comparing a service's data
 * before and after something that must not touch it. The tenant-scoped tables are read from the
 * database itself, so a table added by a later migration is covered without editing this class.
 */
public final class TableDump {
    private TableDump() {}

    /** Every table of the schema with a {@code tenant_id} column. */
    static List<String> tenantScopedTables(Services services) {
        List<String> tables = services.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT table_name FROM information_schema.columns
                         WHERE table_schema = DATABASE() AND column_name = 'tenant_id'
                         ORDER BY table_name
                        """).mapTo(String.class).list());
        if (tables.size() < 7) {
            throw new AssertionError("expected at least the 7 tenant-scoped tables of V1..V5, found " + tables);
        }
        return tables;
    }

    /** The rows of one tenant in every tenant-scoped table, its tenants row, and its members' accounts. */
    static Map<String, List<String>> ofTenant(Services services, TenantId tenantId) {
        Map<String, List<String>> dump = new LinkedHashMap<>();
        for (String table : tenantScopedTables(services)) {
            dump.put(table, rows(services, "SELECT * FROM " + table + " WHERE tenant_id = ?", tenantId.value()));
        }
        dump.put("tenants", rows(services, "SELECT * FROM tenants WHERE id = ?", tenantId.value()));
        String members = "(SELECT user_id FROM memberships WHERE tenant_id = ?)";
        dump.put("users", rows(services, "SELECT * FROM users WHERE id IN " + members, tenantId.value()));
        dump.put("sessions", rows(services, "SELECT * FROM sessions WHERE user_id IN " + members, tenantId.value()));
        dump.put("api_tokens", rows(services, "SELECT * FROM api_tokens WHERE user_id IN " + members, tenantId.value()));
        return dump;
    }

    /** How many rows each tenant-scoped table holds for this tenant id; tables with none are left out. */
    static Map<String, Long> remaining(Services services, TenantId tenantId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tenantScopedTables(services)) {
            long count = services.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT COUNT(*) FROM " + table + " WHERE tenant_id = :t").bind("t", tenantId.value())
                    .mapTo(Long.class).one());
            if (count > 0) {
                counts.put(table, count);
            }
        }
        return counts;
    }

    /** Every row and column of the whole database holding {@code text}, as {@code table.column}. */
    public static List<String> whereFound(Services services, String text) {
        List<String[]> columns = services.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT table_name, column_name FROM information_schema.columns
                         WHERE table_schema = DATABASE()
                           AND data_type IN ('char', 'varchar', 'text', 'mediumtext', 'longtext', 'json')
                        """).map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).list());
        List<String> found = new ArrayList<>();
        for (String[] column : columns) {
            long hits = services.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT COUNT(*) FROM " + column[0] + " WHERE CAST(" + column[1] + " AS CHAR) LIKE :text")
                    .bind("text", "%" + text + "%").mapTo(Long.class).one());
            if (hits > 0) {
                found.add(column[0] + "." + column[1] + " (" + hits + ")");
            }
        }
        return found;
    }

    /** Every row of every table but the job table, each column as text (bytes in hex), rows sorted. */
    public static Map<String, List<String>> wholeDatabase(org.jdbi.v3.core.Jdbi jdbi) {
        List<String> tables = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT table_name FROM information_schema.tables
                         WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' AND table_name <> 'scheduled_tasks'
                         ORDER BY table_name
                        """).mapTo(String.class).list());
        Map<String, List<String>> dump = new LinkedHashMap<>();
        for (String table : tables) {
            dump.put(table, jdbi.withHandle(handle -> handle.select("SELECT * FROM `" + table + "`")
                    .map((rs, ctx) -> row(rs)).list()).stream().sorted().toList());
        }
        return dump;
    }

    private static List<String> rows(Services services, String sql, long id) {
        return services.jdbi().withHandle(handle -> handle.select(sql, id).map((rs, ctx) -> row(rs)).list())
                .stream().sorted().toList();
    }

    private static String row(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object value = rs.getObject(i);
            row.append(meta.getColumnLabel(i)).append('=')
                    .append(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(value))
                    .append(i < meta.getColumnCount() ? ", " : "");
        }
        return row.toString();
    }
}
