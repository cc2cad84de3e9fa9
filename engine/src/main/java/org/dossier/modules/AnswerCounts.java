package org.dossier.modules;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The dashboard's answers to single-choice fields, counted over a service's {@link #BOUND} active
 * case files modified last. Answers live in each case file's JSON, which no index holds: counting
 * them means reading rows, so the rows read are bounded, as the list bounds its count, and all
 * the fields are counted in the same one read. A service of 200,000 case files had its dashboard
 * read every row once per field (six times for the base form), seconds per page. MariaDB reads a
 * JSON value by parsing the document: about 40 ms per thousand case files for the base form's
 * six fields on the loaded 2-core machine, hence a bound of 2,000 for a dashboard within 300 ms.
 */
final class AnswerCounts {
    /** Case files read at most; below it, every active case file of the service is counted. */
    static final int BOUND = 2_000;

    /** Per path, its answers and their counts (null answers under ""), and how many case files were read. */
    record Counted(Map<String, Map<String, Long>> byPath, long caseFiles, int bound) {
        /** Whether the service may hold more active case files than were read. */
        boolean bounded() {
            return caseFiles >= bound;
        }
    }

    private AnswerCounts() {}

    /** @param jsonPaths checked by the caller: paths of field names, {@code $.a.b} */
    static Counted count(Handle handle, TenantId tenantId, List<String> jsonPaths, Instant activeSince, int bound) {
        Map<String, Map<String, Long>> byPath = new LinkedHashMap<>();
        jsonPaths.forEach(path -> byPath.put(path, new LinkedHashMap<>()));
        if (jsonPaths.isEmpty()) {
            return new Counted(byPath, 0, bound);
        }
        StringBuilder answers = new StringBuilder();
        StringBuilder groups = new StringBuilder();
        for (int i = 0; i < jsonPaths.size(); i++) {
            // Fixed text only: each path is a bound parameter.
            answers.append(", JSON_UNQUOTE(JSON_EXTRACT(data, :p").append(i).append(")) AS a").append(i);
            groups.append(i == 0 ? "" : ", ").append("a").append(i);
        }
        // The ids in the list's order from its index (updated_at, id; the phase checked in the index), then only those rows.
        Query query = handle.createQuery("""
                SELECT COUNT(*) AS n %s
                  FROM records
                  JOIN (SELECT id AS recent_id
                          FROM records FORCE INDEX (records_list)
                         WHERE tenant_id = :tenantId AND form_key = 'dossier'
                           AND (last_activity_at >= :activeSince
                                OR EXISTS (SELECT 1 FROM record_holds h
                                            WHERE h.tenant_id = :tenantId AND h.record_id = records.id))
                         ORDER BY updated_at DESC, id DESC
                         LIMIT :bound) recent ON records.id = recent.recent_id
                 WHERE records.tenant_id = :tenantId
                 GROUP BY %s
                """.formatted(answers, groups))
                .bind("tenantId", tenantId).bind("activeSince", activeSince).bind("bound", bound);
        for (int i = 0; i < jsonPaths.size(); i++) {
            query.bind("p" + i, jsonPaths.get(i));
        }
        long[] caseFiles = {0};
        query.map((rs, ctx) -> {
            long n = rs.getLong("n");
            caseFiles[0] += n;
            for (int i = 0; i < jsonPaths.size(); i++) {
                String value = rs.getString("a" + i);
                byPath.get(jsonPaths.get(i)).merge(value == null ? "" : value, n, Long::sum);
            }
            return n;
        }).list();
        byPath.replaceAll((path, counts) -> byCountDescending(counts));
        return new Counted(byPath, caseFiles[0], bound);
    }

    private static Map<String, Long> byCountDescending(Map<String, Long> counts) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }
}
