package org.dossier.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.dossier.record.RecordId;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Jdbi;

/**
 * What the lifecycle pages show, read from the database: a service's case files per phase, those
 * coming due for deletion, its holds, and the passes' run records. Reads only; the phase rule is
 * {@link Retention} (held case files counted apart, as {@link CaseFilePhase} keeps them active).
 */
public final class RetentionOverview {
    /** Unheld case files per phase, and the held ones apart. */
    public record PhaseCounts(long active, long archived, long dueForDeletion, long held) {}

    /** A case file coming due for deletion: its name and the day it becomes due (past when already due). */
    public record DueCaseFile(RecordId id, String lastName, String firstName, LocalDate dueOn) {}

    /** The first {@code shown} case files coming due, and how many there are in all. */
    public record DueList(List<DueCaseFile> shown, long total) {}

    /** A hold with the case file it stands on. */
    public record HeldCaseFile(RecordId id, String lastName, String firstName, Hold hold) {}

    private final Jdbi jdbi;
    private final ObjectMapper mapper;

    public RetentionOverview(Jdbi jdbi, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.mapper = mapper;
    }

    public PhaseCounts counts(TenantId tenantId, Retention retention) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT COALESCE(SUM(h.record_id IS NULL AND r.last_activity_at >= :activeSince), 0) AS active,
                               COALESCE(SUM(h.record_id IS NULL AND r.last_activity_at < :activeSince
                                            AND r.last_activity_at >= :keptSince), 0) AS archived,
                               COALESCE(SUM(h.record_id IS NULL AND r.last_activity_at < :keptSince), 0) AS due,
                               COUNT(h.record_id) AS held
                          FROM records r
                          LEFT JOIN record_holds h ON h.tenant_id = r.tenant_id AND h.record_id = r.id
                         WHERE r.tenant_id = :tenantId
                        """)
                .bind("tenantId", tenantId.value())
                .bind("activeSince", retention.activeSince()).bind("keptSince", retention.keptSince())
                .map((rs, ctx) -> new PhaseCounts(rs.getLong("active"), rs.getLong("archived"), rs.getLong("due"),
                        rs.getLong("held")))
                .one());
    }

    /**
     * The unheld case files due for deletion by {@code days} days from today (those already due
     * included: the next pass deletes them), oldest first, at most {@code limit} of them.
     */
    public DueList dueWithin(TenantId tenantId, Retention retention, int days, int limit) {
        Instant before = retention.dueBy(retention.today().plusDays(days));
        return jdbi.withHandle(handle -> {
            String where = """
                     FROM records r
                    WHERE r.tenant_id = :tenantId AND r.last_activity_at < :before
                      AND NOT EXISTS (SELECT 1 FROM record_holds h WHERE h.tenant_id = r.tenant_id AND h.record_id = r.id)
                    """;
            long total = handle.createQuery("SELECT COUNT(*)" + where)
                    .bind("tenantId", tenantId.value()).bind("before", before).mapTo(Long.class).one();
            List<DueCaseFile> shown = handle.createQuery("SELECT r.id, r.last_name, r.first_name, r.last_activity_at"
                            + where + " ORDER BY r.last_activity_at, r.id LIMIT :limit")
                    .bind("tenantId", tenantId.value()).bind("before", before).bind("limit", limit)
                    .map((rs, ctx) -> new DueCaseFile(RecordId.fromBytes(rs.getBytes("id")), rs.getString("last_name"),
                            rs.getString("first_name"),
                            retention.dueForDeletionOn(rs.getTimestamp("last_activity_at").toInstant())))
                    .list();
            return new DueList(shown, total);
        });
    }

    /** The service's holds, latest first. */
    public List<HeldCaseFile> holds(TenantId tenantId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT r.id, r.last_name, r.first_name, h.reason, h.placed_by, h.placed_at
                          FROM record_holds h
                          JOIN records r ON r.tenant_id = h.tenant_id AND r.id = h.record_id
                         WHERE h.tenant_id = :tenantId
                         ORDER BY h.placed_at DESC, r.id
                        """)
                .bind("tenantId", tenantId.value())
                .map((rs, ctx) -> new HeldCaseFile(RecordId.fromBytes(rs.getBytes("id")), rs.getString("last_name"),
                        rs.getString("first_name"), new Hold(rs.getString("reason"), rs.getString("placed_by"),
                        rs.getTimestamp("placed_at").toInstant())))
                .list());
    }

    /**
     * The last {@code limit} passes of {@code lifecycle_runs}, latest first, with their counts per
     * service. A run still marked running whose holder no longer holds a live lease was killed: it
     * is shown interrupted at once, before the next pass writes so.
     */
    public List<LifecyclePass.Run> lastRuns(int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT r.id, r.run_by, r.started_at, r.finished_at, r.counts, r.errors,
                               CASE WHEN r.outcome = 'running' AND NOT EXISTS (
                                         SELECT 1 FROM lifecycle_lock l
                                          WHERE l.name = 'pass' AND l.holder = CONCAT(r.run_by, '/', r.id)
                                            AND l.held_until >= NOW(6))
                                    THEN 'interrupted' ELSE r.outcome END AS outcome
                          FROM lifecycle_runs r ORDER BY r.started_at DESC, r.id LIMIT :limit
                        """)
                .bind("limit", limit)
                .map((rs, ctx) -> {
                    Timestamp finished = rs.getTimestamp("finished_at");
                    String errors = rs.getString("errors");
                    return new LifecyclePass.Run(rs.getString("id"), rs.getString("run_by"),
                            rs.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant(),
                            rs.getString("outcome"), services(rs.getString("counts")),
                            errors == null ? List.of() : List.of(errors.split("\n")));
                })
                .list());
    }

    private List<LifecyclePass.ServiceCounts> services(String json) {
        try {
            List<LifecyclePass.ServiceCounts> services = new ArrayList<>();
            for (JsonNode service : mapper.readTree(json)) {
                services.add(new LifecyclePass.ServiceCounts(new TenantId(service.path("tenantId").asLong()),
                        service.path("slug").asText(), service.path("archived").asLong(),
                        service.path("deleted").asLong(), service.path("held").asLong(),
                        service.path("attachments").asLong()));
            }
            return List.copyOf(services);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable lifecycle run counts", e);
        }
    }
}
