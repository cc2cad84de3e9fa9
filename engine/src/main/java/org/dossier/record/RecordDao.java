package org.dossier.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dossier.db.ClientPrepared;
import org.dossier.retention.Hold;
import org.dossier.retention.Retention;
import org.dossier.retention.RetentionPolicy;
import org.dossier.tenant.NoSuchTenantException;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * SQL for case files. Every statement filters on {@code tenant_id}; the typed {@link TenantId}
 * parameter makes it impossible to call one without saying whose rows are meant.
 *
 * <p>A fluent class rather than a SqlObject interface because the search is built: one condition
 * per search term, which an annotation cannot express. Rows are mapped by the constructor mappers
 * that {@link #registerMappers} registers on the JDBI instance, column names to parameter names.
 */
public final class RecordDao {
    private static final String COLUMNS = """
            id, form_key, schema_version, data, lock_version, created_at, created_by, updated_at, updated_by, last_activity_at""";

    private final Handle handle;

    public RecordDao(Handle handle) {
        this.handle = handle;
    }

    public void insert(TenantId tenantId, RecordId id, String formKey, int schemaVersion, String dataJson, Instant now,
                       String actor) {
        insert(tenantId, id, formKey, schemaVersion, dataJson, now, actor, false);
    }

    /** @param toComplete whether the case file lacks a field its form requires (see {@link ToComplete}) */
    public void insert(TenantId tenantId, RecordId id, String formKey, int schemaVersion, String dataJson, Instant now,
                       String actor, boolean toComplete) {
        handle.createUpdate("""
                        INSERT INTO records (tenant_id, id, form_key, schema_version, data, lock_version,
                                             created_at, created_by, updated_at, updated_by, last_activity_at, to_complete)
                        VALUES (:tenantId, :id, :formKey, :schemaVersion, :data, 1, :now, :actor, :now, :actor, :now,
                                :toComplete)
                        """)
                .bind("tenantId", tenantId).bind("id", id).bind("formKey", formKey)
                .bind("schemaVersion", schemaVersion).bind("data", dataJson)
                .bind("now", now).bind("actor", actor).bind("toComplete", toComplete)
                .execute();
    }

    /** New case files in one batch (an import's): one row as {@link #insert} writes it, each not to complete. */
    public void insertAll(TenantId tenantId, String formKey, int schemaVersion, List<NewRow> rows, Instant now,
                          String actor) {
        if (rows.isEmpty()) {
            return;
        }
        org.jdbi.v3.core.statement.PreparedBatch batch = handle.prepareBatch("""
                INSERT INTO records (tenant_id, id, form_key, schema_version, data, lock_version,
                                     created_at, created_by, updated_at, updated_by, last_activity_at, to_complete)
                VALUES (:tenantId, :id, :formKey, :schemaVersion, :data, 1, :now, :actor, :now, :actor, :now, FALSE)
                """);
        for (NewRow row : rows) {
            batch.bind("tenantId", tenantId).bind("id", row.id()).bind("formKey", formKey)
                    .bind("schemaVersion", schemaVersion).bind("data", row.dataJson())
                    .bind("now", now).bind("actor", actor).add();
        }
        batch.execute();
    }

    /** A new case file of {@link #insertAll}: its id and its data as stored. */
    public record NewRow(RecordId id, String dataJson) {}

    /** Several case files at once (a post-import check reads a batch back), in no particular order. */
    public List<StoredRow> findAll(TenantId tenantId, List<RecordId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return handle.createQuery("SELECT " + COLUMNS + " FROM records WHERE tenant_id = :tenantId AND id IN (<ids>)")
                .bind("tenantId", tenantId).bindList("ids", ids.stream().map(RecordId::toBytes).toList())
                .mapTo(StoredRow.class)
                .list();
    }

    /** @return false when the row is gone or its lock version is no longer {@code expectedLockVersion} */
    public boolean update(TenantId tenantId, RecordId id, int expectedLockVersion, int schemaVersion, String dataJson,
                          Instant now, String actor, boolean toComplete) {
        return handle.createUpdate("""
                        UPDATE records
                           SET data = :data, schema_version = :schemaVersion, lock_version = lock_version + 1,
                               updated_at = :now, updated_by = :actor, last_activity_at = :now, to_complete = :toComplete
                         WHERE tenant_id = :tenantId AND id = :id AND lock_version = :expected
                        """)
                .bind("tenantId", tenantId).bind("id", id).bind("expected", expectedLockVersion)
                .bind("schemaVersion", schemaVersion).bind("data", dataJson)
                .bind("now", now).bind("actor", actor).bind("toComplete", toComplete)
                .execute() == 1;
    }

    public Optional<StoredRow> find(TenantId tenantId, RecordId id) {
        return select(tenantId, id, "");
    }

    /** Reads and locks the row for the rest of the transaction, so a read-validate-write cannot interleave. */
    public Optional<StoredRow> findForUpdate(TenantId tenantId, RecordId id) {
        return select(tenantId, id, " FOR UPDATE");
    }

    /**
     * The row with what its standing in the lifecycle depends on (its service's retention, its
     * hold), in one read: the API's GET would otherwise read it two or three times.
     */
    public Optional<OpenedRow> findOpened(TenantId tenantId, RecordId id) {
        return findOpened(tenantId, id, OPENED);
    }

    /**
     * As {@link #findOpened}, and whether files are attached to it (most case files have none: their
     * page then reads no list). The API's GET does not ask: the look-up in the files is a sub-query
     * costing the database about half as much again as the row's read.
     */
    public Optional<OpenedRow> findOpenedWithFiles(TenantId tenantId, RecordId id) {
        return findOpened(tenantId, id, OPENED_WITH_FILES);
    }

    private static final String OPENED = opened("FALSE");
    private static final String OPENED_WITH_FILES =
            opened("EXISTS (SELECT 1 FROM attachments a WHERE a.tenant_id = :tenantId AND a.record_id = r.id)");

    /** The statement of {@link #findOpened}, {@code hasFiles} saying whether files are attached. */
    private static String opened(String hasFiles) {
        return """
                SELECT r.id, r.form_key, r.schema_version, r.data, r.lock_version, r.created_at, r.created_by,
                       r.updated_at, r.updated_by, r.last_activity_at, r.to_complete,
                       t.retention_active_years, t.retention_kept_years,
                       h.reason AS hold_reason, h.placed_by AS hold_placed_by, h.placed_at AS hold_placed_at,
                       """ + hasFiles + """
                 AS has_files
                  FROM records r
                  JOIN tenants t ON t.id = r.tenant_id
                  LEFT JOIN record_holds h ON h.tenant_id = r.tenant_id AND h.record_id = r.id
                 WHERE r.tenant_id = :tenantId AND r.id = :id
                """;
    }

    private Optional<OpenedRow> findOpened(TenantId tenantId, RecordId id, String sql) {
        return handle.createQuery(sql)
                .bind("tenantId", tenantId).bind("id", id)
                .map((rs, ctx) -> new OpenedRow(storedRow(rs, ctx),
                        new RetentionPolicy(rs.getInt("retention_active_years"), rs.getInt("retention_kept_years")),
                        rs.getString("hold_placed_by") == null ? Optional.empty()
                                : Optional.of(new Hold(rs.getString("hold_reason"), rs.getString("hold_placed_by"),
                                        instant(rs, "hold_placed_at"))), rs.getBoolean("has_files"),
                        rs.getBoolean("to_complete")))
                .findOne();
    }

    /**
     * A row as {@link #findOpened} reads it: with its service's retention, its hold if any, whether
     * files are attached to it (always false from {@link #findOpened}, which does not look) and its
     * "à compléter" flag.
     */
    public record OpenedRow(StoredRow row, RetentionPolicy retention, Optional<Hold> hold, boolean hasFiles,
                            boolean toComplete) {}

    private Optional<StoredRow> select(TenantId tenantId, RecordId id, String lock) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM records WHERE tenant_id = :tenantId AND id = :id" + lock)
                .bind("tenantId", tenantId).bind("id", id)
                .mapTo(StoredRow.class)
                .findOne();
    }

    /**
     * One page of the case files a query finds, active ones (last active at or after the service's
     * active years before {@code now}, or held) unless the query asks for the archives.
     */
    public RecordPage search(TenantId tenantId, RecordQuery query, Instant now) {
        // The tenant condition is written out in each statement, not built up: the SQL scan test
        // checks every statement on a tenant-scoped table for it. Only fixed text is appended; every
        // value from the request is a bound parameter.
        // The service's retention (read fresh: a change applies to the next list) and whether it
        // holds any case file, in one read. Most services hold none: then the phase is the last
        // activity alone, checked in the index, with no look-up in the holds for each old case file
        // the list walks past.
        Phase phase = handle.createQuery("""
                        SELECT retention_active_years, retention_kept_years,
                               EXISTS (SELECT 1 FROM record_holds WHERE tenant_id = :tenantId) AS any_hold
                          FROM tenants WHERE id = :tenantId
                        """)
                .bind("tenantId", tenantId)
                .map((rs, ctx) -> new Phase(Retention.at(now, new RetentionPolicy(rs.getInt(1), rs.getInt(2)))
                        .activeSince(), rs.getBoolean(3)))
                .findOne()
                .orElseThrow(() -> new NoSuchTenantException(tenantId.toString()));
        Instant activeSince = phase.activeSince();
        String conditions = conditions(query, phase.anyHold());
        String index = RecordListIndex.choose(query.filters(), query.sort().column());
        String from = " FROM records FORCE INDEX (" + index + ") WHERE tenant_id = :tenantId AND form_key = :formKey"
                + conditions;
        // A capped count stops after countLimit index entries: "plus de 10 000" rather than a scan of them
        // all; the query's page is bounded by the same figure, so the OFFSET below reads no further.
        // The capped count walks the index in the page's order: the newest case files first in the
        // default order, the active ones, so it reaches its bound before the years of archived ones.
        // With no filter, no term and no hold, the phase alone decides: then the count is one range
        // of the index on the last activity (V30), in no particular order, which is all a count
        // needs. Prepared by the driver: see ClientPrepared (the name indexes serve the lists
        // sorted by name).
        boolean phaseOnly = phaseOnly(query, phase.anyHold());
        Query count = handle.createQuery(ClientPrepared.MARK + countStatement(query, conditions, phaseOnly, from));
        // Each filter and order has an index that yields rows in the page's order (RecordListIndex):
        // reading it stops after one page of matches. Left to itself the optimizer may prefer
        // another index and then sort, fetching every matching JSON row (MySQL and MariaDB alike).
        // The page's ids are found in the index alone (each list index ends with id), then only those
        // rows are read: with the row columns in the same statement, MariaDB reads the whole row of
        // every entry an OFFSET skips, 9,980 of them on the last reachable page.
        Query page = handle.createQuery(ClientPrepared.MARK + """
                SELECT id, last_name, first_name, birth_date, status, updated_at, antenne, referent, opened_on
                  FROM records
                  JOIN (SELECT id AS page_id
                          FROM records FORCE INDEX (%s)
                         WHERE tenant_id = :tenantId AND form_key = :formKey %s
                         ORDER BY %s
                         LIMIT :limit OFFSET :offset) page ON records.id = page.page_id
                 WHERE records.tenant_id = :tenantId
                 ORDER BY %s
                """.formatted(index, conditions, query.sort().orderBy(), query.sort().orderBy()));
        for (Query statement : List.of(count, page)) {
            bindConditions(statement.bind("tenantId", tenantId).bind("formKey", query.formKey())
                    .bind("activeSince", activeSince), query);
        }
        long total;
        List<RecordSummary> items;
        if (NameSearch.applies(query)) {
            // One name prefix: counted from the name indexes; few matches are sorted themselves.
            total = NameSearch.count(handle, tenantId, query, conditions, activeSince);
            items = total <= NameSearch.FEW ? NameSearch.page(handle, tenantId, query, conditions, activeSince)
                    : page.bind("limit", query.pageSize()).bind("offset", query.offset()).mapTo(RecordSummary.class)
                            .list();
        } else if (phaseOnly) {
            // The count costs a fraction of a walk of the list index: read first, it spares the walk
            // of a page asked past the last one (a link kept while case files were archived).
            total = count.mapTo(Long.class).one();
            items = query.offset() >= total ? List.of()
                    : page.bind("limit", query.pageSize()).bind("offset", query.offset())
                            .mapTo(RecordSummary.class)
                            .list();
        } else {
            // The page first, with one row more than it shows: that row, or its absence, often
            // tells the total, and then the count (up to 10,001 index entries) is not read at all.
            List<RecordSummary> read = page.bind("limit", query.pageSize() + 1).bind("offset", query.offset())
                    .mapTo(RecordSummary.class)
                    .list();
            items = read.size() > query.pageSize() ? read.subList(0, query.pageSize()) : read;
            total = totalFromPage(query, read.size()).orElseGet(() -> count.mapTo(Long.class).one());
        }
        boolean capped = query.cappedCount() && total >= query.countLimit();
        return new RecordPage(items, capped ? query.countLimit() - 1 : total, query.page(), query.pageSize(), capped);
    }

    /** Whether the phase alone decides which case files a query finds: no filter, no term, no hold. */
    private static boolean phaseOnly(RecordQuery query, boolean anyHold) {
        return !query.filters().any() && query.terms().isEmpty() && !anyHold;
    }

    /** The count of a search, from the index on the last activity when the phase alone decides. */
    private static String countStatement(RecordQuery query, String conditions, boolean phaseOnly, String from) {
        String counted = phaseOnly
                ? " FROM records FORCE INDEX (records_by_form_activity) WHERE tenant_id = :tenantId"
                        + " AND form_key = :formKey" + conditions
                : from;
        return query.cappedCount()
                ? "SELECT COUNT(*) FROM (SELECT 1" + counted + (phaseOnly ? "" : " ORDER BY " + query.sort().orderBy())
                        + " LIMIT " + query.countLimit() + ") capped"
                : "SELECT COUNT(*)" + counted;
    }

    /**
     * The plan of the count a search with neither filter nor term runs in a service holding no
     * case file (tests check that it reads one range of {@code records_by_form_activity} alone).
     */
    public List<java.util.Map<String, Object>> explainPhaseCount(TenantId tenantId, RecordQuery query) {
        if (!phaseOnly(query, false)) {
            throw new IllegalArgumentException("a query with a filter or a term is counted from its list index");
        }
        String conditions = conditions(query, false);
        return handle.createQuery("EXPLAIN " + countStatement(query, conditions, phaseOnly(query, false), ""))
                .bind("tenantId", tenantId).bind("formKey", query.formKey())
                .bind("activeSince", org.dossier.retention.RetentionPolicies.at(handle, tenantId, Instant.now())
                        .activeSince())
                .mapToMap().list();
    }

    /** The service's active years as of the list's {@code now}, and whether it holds any case file. */
    private record Phase(Instant activeSince, boolean anyHold) {}

    /**
     * The number of matches, when a page read with one row more than its size tells it: a page
     * short of that row is the last one (unless it is empty past the first page: then the count
     * says how far the list goes); a full one past the capped count's bound means the count
     * would stop at its bound too. Otherwise empty: only the count knows.
     *
     * @param read how many rows the page's statement returned, at most its size plus one
     */
    static Optional<Long> totalFromPage(RecordQuery query, int read) {
        if (read <= query.pageSize() && (read > 0 || query.offset() == 0)) {
            return Optional.of((long) query.offset() + read);
        }
        if (read > query.pageSize() && query.cappedCount() && query.offset() + read >= query.countLimit()) {
            return Optional.of(query.countLimit());
        }
        return Optional.empty();
    }

    /** The plan MariaDB would use for a search's page, one row per table access (tests check the index). */
    public List<java.util.Map<String, Object>> explainSearch(TenantId tenantId, RecordQuery query, boolean countOnly) {
        String select = countOnly ? "SELECT COUNT(*)" : "SELECT id, last_name, first_name, updated_at, antenne, referent";
        String order = countOnly ? "" : " ORDER BY " + query.sort().orderBy() + " LIMIT 20";
        Query explain = handle.createQuery("EXPLAIN " + select + " FROM records FORCE INDEX ("
                + RecordListIndex.choose(query.filters(), query.sort().column()) + ")"
                + " WHERE tenant_id = :tenantId AND form_key = :formKey" + conditions(query) + order);
        return bindConditions(explain.bind("tenantId", tenantId).bind("formKey", query.formKey())
                .bind("activeSince", org.dossier.retention.RetentionPolicies.at(handle, tenantId, Instant.now())
                        .activeSince()), query)
                .mapToMap().list();
    }

    static String conditions(RecordQuery query) {
        return conditions(query, true);
    }

    /**
     * The query's conditions, the filters and terms first: MariaDB checks them in the order written,
     * so the phase's look-up in the holds is paid only by the case files that match the rest.
     *
     * @param anyHold whether the service holds any case file; when not, the phase is the last activity alone
     */
    static String conditions(RecordQuery query, boolean anyHold) {
        StringBuilder sql = new StringBuilder();
        RecordFilters filters = query.filters();
        filters.status().ifPresent(value -> sql.append(" AND status = :status"));
        filters.antenne().ifPresent(value -> sql.append(" AND antenne = :antenne"));
        if (!filters.referentAnyOf().isEmpty()) {
            sql.append(" AND referent IN (<referents>)");
        }
        if (filters.toComplete()) {
            sql.append(" AND to_complete = TRUE");
        }
        for (int i = 0; i < query.terms().size(); i++) {
            sql.append(" AND (last_name LIKE :t").append(i).append(" ESCAPE '!' OR first_name LIKE :t")
                    .append(i).append(" ESCAPE '!')");
        }
        // The phase (CaseFilePhase): last_activity_at closes every list index (V15), so this stays read from it.
        String held = "EXISTS (SELECT 1 FROM record_holds h WHERE h.tenant_id = :tenantId AND h.record_id = records.id)";
        if (!anyHold) {
            sql.append(query.archives() ? " AND last_activity_at < :activeSince" : " AND last_activity_at >= :activeSince");
        } else {
            sql.append(query.archives()
                    ? " AND last_activity_at < :activeSince AND NOT " + held
                    : " AND (last_activity_at >= :activeSince OR " + held + ")");
        }
        return sql.toString();
    }

    static Query bindConditions(Query statement, RecordQuery query) {
        RecordFilters filters = query.filters();
        filters.status().ifPresent(value -> statement.bind("status", value));
        filters.antenne().ifPresent(value -> statement.bind("antenne", value));
        if (!filters.referentAnyOf().isEmpty()) {
            statement.bindList("referents", filters.referentAnyOf());
        }
        for (int i = 0; i < query.terms().size(); i++) {
            statement.bind("t" + i, RecordQuery.prefixPattern(query.terms().get(i)));
        }
        return statement;
    }

    /**
     * The référent values stored in the service's case files, in order, at most {@code limit}:
     * the choices of the list's référent filter. One seek in the référent index per value (each
     * the least référent after the last one found), so the cost follows the number of référents,
     * not of case files: a {@code SELECT DISTINCT} over the index reads every entry of the service
     * once there are fewer values than the limit, 100,000 at that scale, on every list page.
     */
    public List<String> referents(TenantId tenantId, String formKey, int limit) {
        List<String> referents = new ArrayList<>();
        String after = "";
        while (referents.size() < limit) {
            String next = handle.createQuery("""
                            SELECT MIN(referent) FROM records FORCE INDEX (records_by_referent)
                             WHERE tenant_id = :tenantId AND form_key = :formKey AND referent > :after
                            """)
                    .bind("tenantId", tenantId).bind("formKey", formKey).bind("after", after)
                    .mapTo(String.class).findOne().orElse(null);
            if (next == null) {
                break;
            }
            referents.add(next);
            after = next;
        }
        return referents;
    }

    public long count(TenantId tenantId) {
        return handle.createQuery("SELECT COUNT(*) FROM records WHERE tenant_id = :tenantId")
                .bind("tenantId", tenantId).mapTo(Long.class).one();
    }

    /** How many of the service's records of a form hold a value at a JSON path ({@code $.key}). */
    public long countHolding(TenantId tenantId, String formKey, String jsonPath) {
        return handle.createQuery("""
                        SELECT COUNT(*) FROM records
                         WHERE tenant_id = :tenantId AND form_key = :formKey AND JSON_EXTRACT(data, :path) IS NOT NULL
                        """)
                .bind("tenantId", tenantId).bind("formKey", formKey).bind("path", jsonPath)
                .mapTo(Long.class).one();
    }

    /**
     * How many of the service's case files of a form lack a field, given by its JSON path
     * ({@code $.a.b}); with {@code sectionPath}, only those holding that section (a case file
     * without an optional section does not lack what is inside it).
     */
    public long countLacking(TenantId tenantId, String formKey, String path, Optional<String> sectionPath) {
        return handle.createQuery("""
                        SELECT COUNT(*) FROM records
                         WHERE tenant_id = :tenantId AND form_key = :formKey AND JSON_EXTRACT(data, :path) IS NULL
                           AND (:section IS NULL OR JSON_EXTRACT(data, :section) IS NOT NULL)
                        """)
                .bind("tenantId", tenantId).bind("formKey", formKey).bind("path", path)
                .bind("section", sectionPath.orElse(null))
                .mapTo(Long.class).one();
    }

    /**
     * How many of the service's case files of a form have a row of a repeatable group ({@code $.rows})
     * that lacks a field ({@code $.rows[*].field}): fewer values found in the rows than rows.
     */
    public long countRowsLacking(TenantId tenantId, String formKey, String rowsPath, String rowFieldPath) {
        return handle.createQuery("""
                        SELECT COUNT(*) FROM records
                         WHERE tenant_id = :tenantId AND form_key = :formKey
                           AND JSON_LENGTH(data, :rows) > COALESCE(JSON_LENGTH(JSON_EXTRACT(data, :field)), 0)
                        """)
                .bind("tenantId", tenantId).bind("formKey", formKey).bind("rows", rowsPath).bind("field", rowFieldPath)
                .mapTo(Long.class).one();
    }

    /** One case file as {@link ToComplete} reads it to recompute its flag. */
    public record FlagRow(RecordId id, String data, int lockVersion, Instant createdAt, boolean toComplete) {}

    /** The next {@code limit} case files of a form after {@code afterId} (null: from the first), in id order. */
    public List<FlagRow> flagBatch(TenantId tenantId, String formKey, RecordId afterId, int limit) {
        return handle.createQuery("""
                        SELECT id, data, lock_version, created_at, to_complete FROM records
                         WHERE tenant_id = :tenantId AND form_key = :formKey AND (:after IS NULL OR id > :after)
                         ORDER BY id
                         LIMIT :limit
                        """)
                .bind("tenantId", tenantId).bind("formKey", formKey).bind("after", afterId).bind("limit", limit)
                .mapTo(FlagRow.class).list();
    }

    /**
     * Sets the flag of case files still at the lock version read: one saved meanwhile already
     * has the flag its save computed.
     */
    public void setToComplete(TenantId tenantId, List<FlagRow> rows, boolean toComplete) {
        if (rows.isEmpty()) {
            return;
        }
        var batch = handle.prepareBatch("""
                UPDATE records SET to_complete = :toComplete
                 WHERE tenant_id = :tenantId AND id = :id AND lock_version = :lockVersion
                """);
        for (FlagRow row : rows) {
            batch.bind("tenantId", tenantId).bind("id", row.id()).bind("lockVersion", row.lockVersion())
                    .bind("toComplete", toComplete).add();
        }
        batch.execute();
    }

    /**
     * Maps {@link StoredRow} by hand, {@link RecordSummary} by constructor ({@code form_key} to
     * {@code formKey}, etc.). The stored row is read on every view, API read and save: the
     * constructor mapper matched its columns to parameters anew for each statement, a fifth of an
     * API read's own time under JFR.
     */
    public static void registerMappers(Jdbi jdbi) {
        jdbi.registerRowMapper(StoredRow.class, RecordDao::storedRow);
        jdbi.registerRowMapper(ConstructorMapper.factory(RecordSummary.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(FlagRow.class));
    }

    private static StoredRow storedRow(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws java.sql.SQLException {
        return new StoredRow(RecordId.fromBytes(rs.getBytes("id")), rs.getString("form_key"), rs.getInt("schema_version"),
                rs.getString("data"), rs.getInt("lock_version"), instant(rs, "created_at"), rs.getString("created_by"),
                instant(rs, "updated_at"), rs.getString("updated_by"), instant(rs, "last_activity_at"));
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        java.sql.Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** The row as read, data still as JSON text. */
    public record StoredRow(RecordId id, String formKey, int schemaVersion, String data, int lockVersion,
                            Instant createdAt, String createdBy, Instant updatedAt, String updatedBy,
                            Instant lastActivityAt) {}
}
