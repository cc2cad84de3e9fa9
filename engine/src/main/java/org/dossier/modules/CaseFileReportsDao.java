package org.dossier.modules;

import java.time.Instant;
import java.util.List;
import org.dossier.db.ClientPrepared;
import org.dossier.record.RecordId;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The read-only queries of {@link CaseFileReports}, one service's active case files at a time
 * (last active since {@code activeSince}, or held: {@link org.dossier.retention.CaseFilePhase}).
 */
interface CaseFileReportsDao {

    /**
     * Case files whose eviction procedure is open, by hearing date (files without one last).
     *
     * @param direction {@code ASC} or {@code DESC}, chosen by the caller, never from a request
     */
    @SqlQuery("""
            SELECT id, last_name, first_name,
                   JSON_UNQUOTE(JSON_EXTRACT(data, '$.prevention_expulsions.stade')) AS stage,
                   JSON_UNQUOTE(JSON_EXTRACT(data, '$.prevention_expulsions.date_audience')) AS hearing,
                   JSON_UNQUOTE(JSON_EXTRACT(data, '$.prevention_expulsions.bailleur')) AS landlord
              FROM records
             WHERE tenant_id = :tenantId AND form_key = 'dossier'
               AND (last_activity_at >= :activeSince
                    OR EXISTS (SELECT 1 FROM record_holds h WHERE h.tenant_id = :tenantId AND h.record_id = records.id))
               AND JSON_UNQUOTE(JSON_EXTRACT(data, '$.prevention_expulsions.procedure_en_cours')) = 'true'
             ORDER BY hearing IS NULL, hearing <direction>, last_name, id
             LIMIT 500
            """)
    @RegisterConstructorMapper(EvictionRow.class)
    List<EvictionRow> openEvictions(@Bind("tenantId") TenantId tenantId, @Define("direction") String direction,
                                    @Bind("activeSince") Instant activeSince);

    /**
     * Active case files per status, read from the status index alone: the case files active by
     * their last activity (prepared by the driver, as the months below: see ClientPrepared). Those kept active by a hold only come from {@link #heldByStatus}, so
     * no row of the index pays a look-up in the holds (at 200,000 case files, half of them old,
     * that look-up was most of the cost).
     */
    @SqlQuery(ClientPrepared.MARK + """
            SELECT COALESCE(status, '') AS value, COUNT(*) AS n
              FROM records FORCE INDEX (records_by_status)
             WHERE tenant_id = :tenantId AND form_key = 'dossier' AND last_activity_at >= :activeSince
             GROUP BY status
            """)
    @RegisterConstructorMapper(ValueCount.class)
    List<ValueCount> byStatus(@Bind("tenantId") TenantId tenantId, @Bind("activeSince") Instant activeSince);

    /**
     * Case files per status kept active by a hold although their last activity is older (a few).
     * The holds are read first (STRAIGHT_JOIN), each case file then by its key: a plan starting from
     * the service's old case files would read every one of their rows to find holds that are rare.
     */
    @SqlQuery("""
            SELECT COALESCE(records.status, '') AS value, COUNT(*) AS n
              FROM record_holds h
              STRAIGHT_JOIN records ON records.tenant_id = h.tenant_id AND records.id = h.record_id
             WHERE h.tenant_id = :tenantId AND records.tenant_id = :tenantId AND records.form_key = 'dossier'
               AND records.last_activity_at < :activeSince
             GROUP BY records.status
            """)
    @RegisterConstructorMapper(ValueCount.class)
    List<ValueCount> heldByStatus(@Bind("tenantId") TenantId tenantId, @Bind("activeSince") Instant activeSince);

    @SqlQuery(ClientPrepared.MARK + """
            SELECT YEAR(created_at) AS y, MONTH(created_at) AS m, COUNT(*) AS n
              FROM records FORCE INDEX (records_by_created)
             WHERE tenant_id = :tenantId AND form_key = 'dossier' AND created_at >= :since
             GROUP BY YEAR(created_at), MONTH(created_at)
            """)
    @RegisterConstructorMapper(MonthCount.class)
    List<MonthCount> openedPerMonth(@Bind("tenantId") TenantId tenantId, @Bind("since") Instant since);

    /** @param jsonPath checked by the caller: a path of field names, {@code $.a.b} */
    @SqlQuery("""
            SELECT JSON_UNQUOTE(JSON_EXTRACT(data, :path)) AS value, COUNT(*) AS n
              FROM records
             WHERE tenant_id = :tenantId AND form_key = 'dossier'
               AND (last_activity_at >= :activeSince
                    OR EXISTS (SELECT 1 FROM record_holds h WHERE h.tenant_id = :tenantId AND h.record_id = records.id))
             GROUP BY value ORDER BY n DESC
            """)
    @RegisterConstructorMapper(ValueCount.class)
    List<ValueCount> byAnswer(@Bind("tenantId") TenantId tenantId, @Bind("path") String jsonPath,
                              @Bind("activeSince") Instant activeSince);

    record EvictionRow(RecordId id, String lastName, String firstName, String stage, String hearing, String landlord) {}

    /** @param value null where the case file has no value at the path */
    record ValueCount(String value, long n) {}

    record MonthCount(int y, int m, long n) {}
}
