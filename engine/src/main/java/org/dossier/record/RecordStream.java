package org.dossier.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.dossier.retention.CaseFilePhase;
import org.dossier.retention.Retention;
import org.dossier.retention.RetentionPolicies;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Every case file a search finds, read in keyset pages in id order, for exports: never more than
 * one page in memory whatever the number of matches, and no page offset that grows with it. The
 * search's terms and filters are those of the list ({@link RecordDao}'s conditions); its page and
 * order are not used. Each page is its own short read, so a slow consumer holds no transaction open.
 */
public final class RecordStream {
    /** Rows per page: large enough that the per-statement cost fades, small enough to hold in memory. */
    static final int PAGE = 500;

    private final Jdbi jdbi;
    private final Opener opener;
    private final Clock clock;

    /** Opens the sealed values of stored data (the record service's own opening). */
    interface Opener {
        JsonNode open(TenantId tenantId, RecordId id, String stored);
    }

    RecordStream(Jdbi jdbi, Opener opener, Clock clock) {
        this.jdbi = jdbi;
        this.opener = opener;
        this.clock = clock;
    }

    /** One case file as an export reads it: its data opened (not yet masked for the reader). */
    public record StreamedRecord(RecordId id, String formKey, int schemaVersion, Retention.Phase phase,
                                 Instant createdAt, Instant updatedAt, JsonNode data) {}

    private record Row(RecordId id, String formKey, int schemaVersion, String data, Instant createdAt,
                       Instant updatedAt, Instant lastActivityAt, boolean held) {}

    /** The form versions the matching case files were last saved under, newest first. */
    public List<Integer> versions(TenantId tenantId, RecordQuery query) {
        return jdbi.withHandle(handle -> {
            Retention retention = RetentionPolicies.at(handle, tenantId, clock.instant());
            Query select = handle.createQuery("""
                    SELECT DISTINCT schema_version FROM records
                     WHERE tenant_id = :tenantId AND form_key = :formKey %s
                     ORDER BY schema_version DESC
                    """.formatted(RecordDao.conditions(query)));
            return RecordDao.bindConditions(select.bind("tenantId", tenantId).bind("formKey", query.formKey())
                    .bind("activeSince", retention.activeSince()), query).mapTo(Integer.class).list();
        });
    }

    /** Hands each matching case file to {@code each}, in id order; returns how many. */
    public long forEach(TenantId tenantId, RecordQuery query, Consumer<StreamedRecord> each) {
        Retention retention = jdbi.withHandle(handle -> RetentionPolicies.at(handle, tenantId, clock.instant()));
        long count = 0;
        RecordId after = null;
        while (true) {
            List<Row> rows = page(tenantId, query, retention.activeSince(), after);
            for (Row row : rows) {
                each.accept(new StreamedRecord(row.id(), row.formKey(), row.schemaVersion(),
                        CaseFilePhase.of(retention, row.lastActivityAt(), row.held()), row.createdAt(),
                        row.updatedAt(), opener.open(tenantId, row.id(), row.data())));
                count++;
            }
            if (rows.size() < PAGE) {
                return count;
            }
            after = rows.get(rows.size() - 1).id();
        }
    }

    private List<Row> page(TenantId tenantId, RecordQuery query, Instant activeSince, RecordId after) {
        return jdbi.withHandle(handle -> {
            // The primary key (tenant_id, id) yields the rows in id order: each page is one range read that stops
            // after a page of matches. Forced, since with a filter the optimizer may prefer the filter's index and
            // then sort every match on every page.
            Query select = handle.createQuery("""
                    SELECT id, form_key, schema_version, data, created_at, updated_at, last_activity_at,
                           EXISTS (SELECT 1 FROM record_holds h WHERE h.tenant_id = :tenantId AND h.record_id = records.id) AS held
                      FROM records FORCE INDEX (PRIMARY)
                     WHERE tenant_id = :tenantId AND form_key = :formKey AND (:after IS NULL OR id > :after) %s
                     ORDER BY id
                     LIMIT :limit
                    """.formatted(RecordDao.conditions(query)));
            return RecordDao.bindConditions(select.bind("tenantId", tenantId).bind("formKey", query.formKey())
                            .bind("activeSince", activeSince).bind("after", after).bind("limit", PAGE), query)
                    .map((rs, ctx) -> new Row(ctx.findColumnMapperFor(RecordId.class).orElseThrow().map(rs, "id", ctx),
                            rs.getString("form_key"), rs.getInt("schema_version"), rs.getString("data"),
                            ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "created_at", ctx),
                            ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "updated_at", ctx),
                            ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "last_activity_at", ctx),
                            rs.getBoolean("held")))
                    .list();
        });
    }
}
