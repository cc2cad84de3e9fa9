package org.dossier.metrics;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Measures and reads the usage of every service ({@code service_usage}, V26).
 *
 * <p>MySQL keeps sizes per table, not per service, so the database bytes of a service are an
 * estimate: the stored length of its case files' JSON and of their history of changes, plus its
 * share of those two tables' indexes in proportion to its rows. The audit log, the forms and the
 * platform's own tables are not counted. Good for trends and budget alerts, not for an invoice.
 */
public final class UsageMeter {
    /** The tables whose size is shared out between services, with the column holding each row's payload. */
    private static final Map<String, String> MEASURED = Map.of("records", "data", "record_changes", "changes");

    private final Jdbi jdbi;
    private final Clock clock;

    public UsageMeter(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Measures every service and replaces the stored figures; answers how many services were measured. */
    public int measure() {
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            Map<Long, Long> caseFiles = new HashMap<>();
            Map<Long, Long> databaseBytes = new HashMap<>();
            for (Map.Entry<String, String> table : MEASURED.entrySet()) {
                List<Sized> rows = sized(handle, table.getKey(), table.getValue());
                long allRows = rows.stream().mapToLong(Sized::rows).sum();
                long indexBytes = indexLength(handle, table.getKey());
                for (Sized row : rows) {
                    long indexShare = allRows == 0 ? 0 : Math.round((double) indexBytes * row.rows() / allRows);
                    databaseBytes.merge(row.tenantId(), row.bytes() + indexShare, Long::sum);
                    if ("records".equals(table.getKey())) {
                        caseFiles.put(row.tenantId(), row.rows());
                    }
                }
            }
            Map<Long, Long> attachmentBytes = new HashMap<>();
            handle.createQuery("""
                            SELECT tenant_id, COALESCE(SUM(size_bytes), 0) AS bytes
                              FROM attachments /* all tenants */ GROUP BY tenant_id
                            """)
                    .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                    .forEach(entry -> attachmentBytes.put(entry.getKey(), entry.getValue()));
            handle.createUpdate("DELETE FROM service_usage /* all tenants */").execute();
            List<Long> tenants = handle.createQuery("SELECT id FROM tenants").mapTo(Long.class).list();
            for (long tenantId : tenants) {
                handle.createUpdate("""
                                INSERT INTO service_usage (tenant_id, case_files, attachment_bytes, database_bytes, measured_at)
                                VALUES (:tenantId, :caseFiles, :attachmentBytes, :databaseBytes, :measuredAt)
                                """)
                        .bind("tenantId", tenantId)
                        .bind("caseFiles", caseFiles.getOrDefault(tenantId, 0L))
                        .bind("attachmentBytes", attachmentBytes.getOrDefault(tenantId, 0L))
                        .bind("databaseBytes", databaseBytes.getOrDefault(tenantId, 0L))
                        .bind("measuredAt", now)
                        .execute();
            }
            return tenants.size();
        });
    }

    /** The last measure of every service that still exists, by slug; empty before the first measure. */
    public List<ServiceUsage> read() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT u.tenant_id, t.slug, u.case_files, u.attachment_bytes, u.database_bytes, u.measured_at
                          FROM service_usage u /* all tenants */ JOIN tenants t ON t.id = u.tenant_id
                         ORDER BY t.slug
                        """)
                .map((rs, ctx) -> new ServiceUsage(new TenantId(rs.getLong("tenant_id")), rs.getString("slug"),
                        rs.getLong("case_files"), rs.getLong("attachment_bytes"), rs.getLong("database_bytes"),
                        rs.getTimestamp("measured_at").toInstant()))
                .list());
    }

    private record Sized(long tenantId, long rows, long bytes) {}

    private static List<Sized> sized(Handle handle, String table, String payload) {
        // Table and column come from MEASURED above, never from a request.
        return handle.createQuery("SELECT tenant_id, COUNT(*), COALESCE(SUM(LENGTH(" + payload + ")), 0) FROM "
                        + table + " /* all tenants */ GROUP BY tenant_id")
                .map((rs, ctx) -> new Sized(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .list();
    }

    private static long indexLength(Handle handle, String table) {
        return handle.createQuery("""
                        SELECT COALESCE(MAX(index_length), 0) FROM information_schema.tables
                         WHERE table_schema = DATABASE() AND table_name = :table
                        """)
                .bind("table", table).mapTo(Long.class).one();
    }
}
