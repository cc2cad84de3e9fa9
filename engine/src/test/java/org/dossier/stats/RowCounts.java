package org.dossier.stats;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.dossier.form.FormService;
import org.dossier.retention.Retention;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/**
 * The statistics counted from the case files' rows themselves, every row read: what the counts kept
 * as case files are written must always equal ({@code CaseFileCountsTest}).
 */
final class RowCounts {
    private final Handle handle;

    RowCounts(Handle handle) {
        this.handle = handle;
    }

    /** @param monthStarts the first instant of each month, and the end of the last one */
    StatisticsDao.CaseFiles caseFiles(TenantId tenantId, Retention retention, List<Instant> monthStarts) {
        int months = monthStarts.size() - 1;
        String perMonth = IntStream.range(0, months)
                .mapToObj(i -> "COALESCE(SUM(created_at >= :from" + i + " AND created_at < :from" + (i + 1) + "), 0) AS m" + i)
                .collect(Collectors.joining(",\n       "));
        // A held case file counts as active whatever its last activity (CaseFilePhase).
        String held = "EXISTS (SELECT 1 FROM record_holds h WHERE h.tenant_id = :tenantId AND h.record_id = records.id)";
        var query = handle.createQuery("SELECT COUNT(*) AS kept, COALESCE(SUM(last_activity_at >= :activeSince OR "
                        + held + "), 0) AS active, " + perMonth + """

                          FROM records
                         WHERE tenant_id = :tenantId AND form_key = :form
                        """ + "   AND (last_activity_at >= :keptSince OR " + held + ")")
                .bind("tenantId", tenantId).bind("form", FormService.CASE_FILE)
                .bind("activeSince", retention.activeSince()).bind("keptSince", retention.keptSince());
        for (int i = 0; i <= months; i++) {
            query.bind("from" + i, monthStarts.get(i));
        }
        return query.map((rs, ctx) -> {
            long[] counts = new long[months];
            for (int i = 0; i < months; i++) {
                counts[i] = rs.getLong("m" + i);
            }
            long active = rs.getLong("active");
            return new StatisticsDao.CaseFiles(active, rs.getLong("kept") - active, counts);
        }).one();
    }

    /**
     * Kept case files per value stored at any of {@code jsonPaths} (checked by the caller), JSON null
     * and missing values left out. One reading of each case file for every path:
     * {@code JSON_EXTRACT} with several paths returns the values it finds as one array, which
     * {@code JSON_TABLE} turns into rows. It does not say which path found which value, so the
     * caller gives fields whose options share no value ({@link SharedFields#withDistinctOptions}):
     * the value then names its field. MariaDB stores JSON as text and parses it at each extraction:
     * with seven fields, this is four times faster than one query per field.
     */
    Map<String, Long> answers(TenantId tenantId, List<String> jsonPaths, Retention retention) {
        String paths = IntStream.range(0, jsonPaths.size()).mapToObj(i -> ":path" + i).collect(Collectors.joining(", "));
        // With one path, JSON_EXTRACT would return the value itself, not an array of it.
        String values = jsonPaths.size() == 1 ? "JSON_ARRAY(JSON_EXTRACT(r.data, :path0))" : "JSON_EXTRACT(r.data, " + paths + ")";
        var query = handle.createQuery("SELECT found.answer AS answer, COUNT(*) AS n FROM records r, JSON_TABLE(" + values + """
                        , '$[*]' COLUMNS (answer VARCHAR(255) PATH '$')) found
                         WHERE r.tenant_id = :tenantId AND r.form_key = :form
                           AND (r.last_activity_at >= :keptSince OR EXISTS (SELECT 1 FROM record_holds h
                                 WHERE h.tenant_id = :tenantId AND h.record_id = r.id))
                           AND found.answer IS NOT NULL
                         GROUP BY found.answer
                        """)
                .bind("tenantId", tenantId).bind("form", FormService.CASE_FILE).bind("keptSince", retention.keptSince());
        for (int i = 0; i < jsonPaths.size(); i++) {
            query.bind("path" + i, jsonPaths.get(i));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        query.map((rs, ctx) -> Map.entry(rs.getString("answer"), rs.getLong("n")))
                .forEach(entry -> counts.merge(entry.getKey(), entry.getValue(), Long::sum));
        return counts;
    }


    /** Active case files (last active since {@link Retention#activeSince()}, or held) per value stored at {@code jsonPath}. */
    Map<String, Long> activeAnswers(TenantId tenantId, String jsonPath, Retention retention) {
        Map<String, Long> counts = new LinkedHashMap<>();
        handle.createQuery("""
                        SELECT JSON_UNQUOTE(JSON_EXTRACT(r.data, :path)) AS answer, COUNT(*) AS n FROM records r
                         WHERE r.tenant_id = :tenantId AND r.form_key = :form
                           AND (r.last_activity_at >= :activeSince OR EXISTS (SELECT 1 FROM record_holds h
                                 WHERE h.tenant_id = :tenantId AND h.record_id = r.id))
                         GROUP BY answer
                        """)
                .bind("tenantId", tenantId).bind("form", FormService.CASE_FILE).bind("path", jsonPath)
                .bind("activeSince", retention.activeSince())
                .map((rs, ctx) -> Map.entry(String.valueOf(rs.getString("answer")), rs.getLong("n")))
                .forEach(entry -> counts.merge(entry.getKey(), entry.getValue(), Long::sum));
        return counts;
    }
}
