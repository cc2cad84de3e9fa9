package org.dossier.record;

import java.time.Instant;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * A search by one name prefix with no filter, served from the two name indexes: the case files
 * whose last name starts with it (a range of {@code records_by_last_name}) and those whose first
 * name does ({@code records_by_first_name}, V29), each checked for its phase in the index. The
 * list's own index, walked newest first, finds the matches of a rare prefix only by reading the
 * whole service: 200,000 entries for the count and as many for the page of a large service. Here
 * the count reads the matches alone, at most the count's bound from each index; when they are
 * few, the page sorts those rows only; when they are many, the list's index reaches a page of
 * them quickly and serves it as before.
 */
final class NameSearch {
    /**
     * Up to this many matches, the page reads and sorts the matching rows themselves. Beyond, the
     * list's index walked newest first meets a page of them within about 20 × (case files ÷
     * matches) entries, fewer than the matching rows there are to read: at 200,000 case files the
     * two costs cross near 600 matches (a row read costs about ten index entries).
     */
    static final int FEW = 500;

    private NameSearch() {}

    /** Whether this search is one of those: one term, no filter, a bounded count. */
    static boolean applies(RecordQuery query) {
        return query.terms().size() == 1 && !query.filters().any() && query.cappedCount();
    }

    /**
     * How many case files match, at most {@code query.countLimit()}: those whose last name starts
     * with the prefix, plus those whose first name does and last name does not (the two sets are
     * apart, so nothing is deduplicated), the bound at most from each index.
     */
    static long count(Handle handle, TenantId tenantId, RecordQuery query, String conditions, Instant activeSince) {
        Query count = handle.createQuery("""
                SELECT (SELECT COUNT(*)
                          FROM (SELECT 1 FROM records FORCE INDEX (records_by_last_name)
                                 WHERE tenant_id = :tenantId AND form_key = :formKey AND last_name LIKE :t0 ESCAPE '!' %s
                                 LIMIT :bound) by_last_name)
                     + (SELECT COUNT(*)
                          FROM (SELECT 1 FROM records FORCE INDEX (records_by_first_name)
                                 WHERE tenant_id = :tenantId AND form_key = :formKey AND first_name LIKE :t0 ESCAPE '!'
                                   AND (last_name IS NULL OR last_name NOT LIKE :t0 ESCAPE '!') %s
                                 LIMIT :bound) by_first_name_only)
                """.formatted(conditions, conditions));
        bind(count, tenantId, query, activeSince);
        return Math.min(count.mapTo(Long.class).one(), query.countLimit());
    }

    /** The page, from the matching rows sorted in the list's order: only when there are at most {@link #FEW}. */
    static java.util.List<RecordSummary> page(Handle handle, TenantId tenantId, RecordQuery query, String conditions,
                                             Instant activeSince) {
        Query page = handle.createQuery("""
                SELECT id, last_name, first_name, birth_date, status, updated_at, antenne, referent, opened_on
                  FROM records
                  JOIN ((SELECT id AS match_id FROM records FORCE INDEX (records_by_last_name)
                          WHERE tenant_id = :tenantId AND form_key = :formKey AND last_name LIKE :t0 ESCAPE '!' %s
                          LIMIT :bound)
                        UNION ALL
                        (SELECT id AS match_id FROM records FORCE INDEX (records_by_first_name)
                          WHERE tenant_id = :tenantId AND form_key = :formKey AND first_name LIKE :t0 ESCAPE '!'
                            AND (last_name IS NULL OR last_name NOT LIKE :t0 ESCAPE '!') %s
                          LIMIT :bound)) found ON records.id = found.match_id
                 WHERE records.tenant_id = :tenantId
                 ORDER BY %s
                 LIMIT :limit OFFSET :offset
                """.formatted(conditions, conditions, query.sort().orderBy()));
        bind(page, tenantId, query, activeSince);
        return page.bind("limit", query.pageSize()).bind("offset", query.offset()).mapTo(RecordSummary.class).list();
    }

    private static void bind(Query statement, TenantId tenantId, RecordQuery query, Instant activeSince) {
        RecordDao.bindConditions(statement.bind("tenantId", tenantId).bind("formKey", query.formKey())
                .bind("activeSince", activeSince).bind("bound", query.countLimit()), query);
    }
}
