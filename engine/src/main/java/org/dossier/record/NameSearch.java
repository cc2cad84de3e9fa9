package org.dossier.record;

import java.time.Instant;
import org.dossier.db.ClientPrepared;
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
     * apart, so nothing is deduplicated). The first names are counted only up to what the last
     * names left of the bound: a common prefix ("ma", "le") finds nearly the bound among the last
     * names, and its first names then cost a few entries instead of a second walk of thousands.
     */
    static long count(Handle handle, TenantId tenantId, RecordQuery query, String conditions, Instant activeSince) {
        Query byLastName = handle.createQuery(ClientPrepared.MARK + """
                SELECT COUNT(*)
                  FROM (SELECT 1 FROM records FORCE INDEX (records_by_last_name)
                         WHERE tenant_id = :tenantId AND form_key = :formKey AND last_name LIKE :t0 ESCAPE '!' %s
                         LIMIT :bound) by_last_name
                """.formatted(conditions));
        long lastNames = bind(byLastName, tenantId, query, activeSince, query.countLimit()).mapTo(Long.class).one();
        if (lastNames >= query.countLimit()) {
            return query.countLimit();
        }
        Query byFirstNameOnly = handle.createQuery(ClientPrepared.MARK + """
                SELECT COUNT(*)
                  FROM (SELECT 1 FROM records FORCE INDEX (records_by_first_name)
                         WHERE tenant_id = :tenantId AND form_key = :formKey AND first_name LIKE :t0 ESCAPE '!'
                           AND (last_name IS NULL OR last_name NOT LIKE :t0 ESCAPE '!') %s
                         LIMIT :bound) by_first_name_only
                """.formatted(conditions));
        return lastNames + bind(byFirstNameOnly, tenantId, query, activeSince, query.countLimit() - lastNames)
                .mapTo(Long.class).one();
    }

    /** The page, from the matching rows sorted in the list's order: only when there are at most {@link #FEW}. */
    static java.util.List<RecordSummary> page(Handle handle, TenantId tenantId, RecordQuery query, String conditions,
                                             Instant activeSince) {
        Query page = handle.createQuery(ClientPrepared.MARK + """
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
        bind(page, tenantId, query, activeSince, query.countLimit());
        return page.bind("limit", query.pageSize()).bind("offset", query.offset()).mapTo(RecordSummary.class).list();
    }

    private static Query bind(Query statement, TenantId tenantId, RecordQuery query, Instant activeSince, long bound) {
        return RecordDao.bindConditions(statement.bind("tenantId", tenantId).bind("formKey", query.formKey())
                .bind("activeSince", activeSince).bind("bound", bound), query);
    }
}
