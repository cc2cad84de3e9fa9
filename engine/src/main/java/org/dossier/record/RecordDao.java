package org.dossier.record;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
            id, form_key, schema_version, data, lock_version, created_at, created_by, updated_at, updated_by""";

    private final Handle handle;

    public RecordDao(Handle handle) {
        this.handle = handle;
    }

    public void insert(TenantId tenantId, RecordId id, String formKey, int schemaVersion, String dataJson, Instant now,
                       String actor) {
        handle.createUpdate("""
                        INSERT INTO records (tenant_id, id, form_key, schema_version, data, lock_version,
                                             created_at, created_by, updated_at, updated_by, last_activity_at)
                        VALUES (:tenantId, :id, :formKey, :schemaVersion, :data, 1, :now, :actor, :now, :actor, :now)
                        """)
                .bind("tenantId", tenantId).bind("id", id).bind("formKey", formKey)
                .bind("schemaVersion", schemaVersion).bind("data", dataJson)
                .bind("now", now).bind("actor", actor)
                .execute();
    }

    /** @return false when the row is gone or its lock version is no longer {@code expectedLockVersion} */
    public boolean update(TenantId tenantId, RecordId id, int expectedLockVersion, int schemaVersion, String dataJson,
                          Instant now, String actor) {
        return handle.createUpdate("""
                        UPDATE records
                           SET data = :data, schema_version = :schemaVersion, lock_version = lock_version + 1,
                               updated_at = :now, updated_by = :actor, last_activity_at = :now
                         WHERE tenant_id = :tenantId AND id = :id AND lock_version = :expected
                        """)
                .bind("tenantId", tenantId).bind("id", id).bind("expected", expectedLockVersion)
                .bind("schemaVersion", schemaVersion).bind("data", dataJson)
                .bind("now", now).bind("actor", actor)
                .execute() == 1;
    }

    public boolean delete(TenantId tenantId, RecordId id) {
        return handle.createUpdate("DELETE FROM records WHERE tenant_id = :tenantId AND id = :id")
                .bind("tenantId", tenantId).bind("id", id)
                .execute() == 1;
    }

    public Optional<StoredRow> find(TenantId tenantId, RecordId id) {
        return select(tenantId, id, "");
    }

    /** Reads and locks the row for the rest of the transaction, so a read-validate-write cannot interleave. */
    public Optional<StoredRow> findForUpdate(TenantId tenantId, RecordId id) {
        return select(tenantId, id, " FOR UPDATE");
    }

    private Optional<StoredRow> select(TenantId tenantId, RecordId id, String lock) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM records WHERE tenant_id = :tenantId AND id = :id" + lock)
                .bind("tenantId", tenantId).bind("id", id)
                .mapTo(StoredRow.class)
                .findOne();
    }

    public RecordPage search(TenantId tenantId, RecordQuery query) {
        // The tenant condition is written out in each statement, not built up: the SQL scan test
        // checks every statement on a tenant-scoped table for it.
        StringBuilder terms = new StringBuilder();
        for (int i = 0; i < query.terms().size(); i++) {
            terms.append(" AND (last_name LIKE :t").append(i).append(" ESCAPE '!' OR first_name LIKE :t")
                    .append(i).append(" ESCAPE '!')");
        }
        Query count = handle.createQuery("SELECT COUNT(*) FROM records WHERE tenant_id = :tenantId AND form_key = :formKey"
                + terms);
        // The list index holds every column shown and is in last-update order: reading it
        // backwards stops after one page of matches. Left to itself the optimizer may prefer a
        // name index and then sort, fetching every matching JSON row (MySQL and MariaDB alike).
        Query page = handle.createQuery("""
                SELECT id, last_name, first_name, birth_date, status, updated_at
                  FROM records FORCE INDEX (records_list)
                 WHERE tenant_id = :tenantId AND form_key = :formKey %s
                 ORDER BY updated_at DESC, id DESC
                 LIMIT :limit OFFSET :offset
                """.formatted(terms));
        for (Query statement : List.of(count, page)) {
            statement.bind("tenantId", tenantId).bind("formKey", query.formKey());
            for (int i = 0; i < query.terms().size(); i++) {
                statement.bind("t" + i, RecordQuery.prefixPattern(query.terms().get(i)));
            }
        }
        long total = count.mapTo(Long.class).one();
        List<RecordSummary> items = page.bind("limit", query.pageSize()).bind("offset", query.offset())
                .mapTo(RecordSummary.class)
                .list();
        return new RecordPage(items, total, query.page(), query.pageSize());
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

    /** Maps {@link StoredRow} and {@link RecordSummary} by constructor: {@code form_key} to {@code formKey}, etc. */
    public static void registerMappers(Jdbi jdbi) {
        jdbi.registerRowMapper(ConstructorMapper.factory(StoredRow.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(RecordSummary.class));
    }

    /** The row as read, data still as JSON text. */
    public record StoredRow(RecordId id, String formKey, int schemaVersion, String data, int lockVersion,
                            Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {}
}
