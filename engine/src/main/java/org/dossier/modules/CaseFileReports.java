package org.dossier.modules;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Jdbi;

/** The read-only figures of the modules: open eviction procedures, counts for the dashboard. One service at a time. */
public final class CaseFileReports {
    private final Jdbi jdbi;

    public CaseFileReports(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A case file with an open eviction procedure. */
    public record Eviction(String id, String lastName, String firstName, String stage, String hearingDate, String landlord) {}

    /** Case files whose eviction procedure is open, by hearing date (files without one last). */
    public List<Eviction> openEvictions(TenantId tenantId, boolean latestHearingFirst) {
        String direction = latestHearingFirst ? "DESC" : "ASC";
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id, last_name, first_name,
                               JSON_UNQUOTE(JSON_EXTRACT(data, '$.prevention_expulsions.stade')) AS stage,
                               JSON_UNQUOTE(JSON_EXTRACT(data, '$.prevention_expulsions.date_audience')) AS hearing,
                               JSON_UNQUOTE(JSON_EXTRACT(data, '$.prevention_expulsions.bailleur')) AS landlord
                          FROM records
                         WHERE tenant_id = :tenantId AND form_key = 'dossier'
                           AND JSON_UNQUOTE(JSON_EXTRACT(data, '$.prevention_expulsions.procedure_en_cours')) = 'true'
                         ORDER BY hearing IS NULL, hearing %s, last_name, id
                         LIMIT 500
                        """.formatted(direction))
                .bind("tenantId", tenantId)
                .map((rs, ctx) -> new Eviction(org.dossier.record.RecordId.fromBytes(rs.getBytes("id")).toString(),
                        rs.getString("last_name"), rs.getString("first_name"), rs.getString("stage"),
                        rs.getString("hearing"), rs.getString("landlord")))
                .list());
    }

    /** Case files per follow-up status. */
    public Map<String, Long> byStatus(TenantId tenantId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbi.useHandle(handle -> handle.createQuery("""
                        SELECT COALESCE(status, '') AS value, COUNT(*) AS n
                          FROM records
                         WHERE tenant_id = :tenantId AND form_key = 'dossier'
                         GROUP BY status ORDER BY n DESC
                        """)
                .bind("tenantId", tenantId)
                .map((rs, ctx) -> Map.entry(rs.getString("value"), rs.getLong("n")))
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue())));
        return counts;
    }

    /** Case files opened per month over the last twelve months, oldest first, months without any included. */
    public Map<YearMonth, Long> openedPerMonth(TenantId tenantId, LocalDate today) {
        YearMonth first = YearMonth.from(today).minusMonths(11);
        Map<YearMonth, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            counts.put(first.plusMonths(i), 0L);
        }
        jdbi.useHandle(handle -> handle.createQuery("""
                        SELECT YEAR(created_at) AS y, MONTH(created_at) AS m, COUNT(*) AS n
                          FROM records
                         WHERE tenant_id = :tenantId AND form_key = 'dossier' AND created_at >= :since
                         GROUP BY YEAR(created_at), MONTH(created_at)
                        """)
                .bind("tenantId", tenantId).bind("since", first.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC))
                .map((rs, ctx) -> Map.entry(YearMonth.of(rs.getInt("y"), rs.getInt("m")), rs.getLong("n")))
                .forEach(entry -> counts.computeIfPresent(entry.getKey(), (month, zero) -> entry.getValue())));
        return counts;
    }

    /** Case files per answer of one single-choice field, given by its JSON path ({@code $.a.b}). */
    public Map<String, Long> byAnswer(TenantId tenantId, String jsonPath) {
        if (!jsonPath.matches("^\\$(\\.[a-z][a-z0-9_]*)+$")) {
            throw new IllegalArgumentException("not a field path: " + jsonPath);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbi.useHandle(handle -> handle.createQuery("""
                        SELECT JSON_UNQUOTE(JSON_EXTRACT(data, :path)) AS value, COUNT(*) AS n
                          FROM records
                         WHERE tenant_id = :tenantId AND form_key = 'dossier'
                         GROUP BY value ORDER BY n DESC
                        """)
                .bind("tenantId", tenantId).bind("path", jsonPath)
                .map((rs, ctx) -> Map.entry(rs.getString("value") == null ? "" : rs.getString("value"), rs.getLong("n")))
                .forEach(entry -> counts.merge(entry.getKey(), entry.getValue(), Long::sum)));
        return counts;
    }

}
