package org.dossier.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dossier.record.RecordId;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/** The SQL of imports: runs, their ledger and report, saved mappings, external ids. */
final class ImportDao {
    private final Handle handle;

    ImportDao(Handle handle) {
        this.handle = handle;
    }

    long insertRun(TenantId tenantId, String formKey, String fileName, ImportFormat format, String storedFile,
                   Instant now, String actor) {
        return handle.createUpdate("""
                        INSERT INTO import_runs (tenant_id, form_key, file_name, file_format, stored_file, options, mode,
                                                 status, created_at, created_by, updated_at)
                        VALUES (:tenantId, :formKey, :fileName, :format, :storedFile, '{}', 'DRY_RUN', 'UPLOADED',
                                :now, :actor, :now)
                        """)
                .bind("tenantId", tenantId).bind("formKey", formKey).bind("fileName", fileName)
                .bind("format", format.name()).bind("storedFile", storedFile).bind("now", now).bind("actor", actor)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    Optional<ImportRun> find(TenantId tenantId, long runId, ObjectMapper json) {
        return handle.createQuery("SELECT * FROM import_runs WHERE tenant_id = :tenantId AND id = :id")
                .bind("tenantId", tenantId).bind("id", runId)
                .map((rs, ctx) -> {
                    JsonNode options = parse(json, rs.getString("options"));
                    String check = rs.getString("post_check");
                    return new ImportRun(rs.getLong("id"), rs.getString("form_key"), rs.getString("file_name"),
                            ImportFormat.valueOf(rs.getString("file_format")),
                            options.has("mapping") ? Optional.of(ImportOptions.fromJson(options)) : Optional.empty(),
                            ImportRun.Mode.valueOf(rs.getString("mode")), ImportRun.Status.valueOf(rs.getString("status")),
                            new ImportRun.Totals(rs.getInt("rows_total"), rs.getInt("rows_valid"), rs.getInt("rows_invalid"),
                                    rs.getInt("rows_new"), rs.getInt("rows_existing"), rs.getInt("rows_done")),
                            check == null ? Optional.empty() : Optional.of(parse(json, check)),
                            Optional.ofNullable(rs.getString("failure")),
                            rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                            rs.getTimestamp("updated_at").toInstant());
                }).findOne();
    }

    String storedFile(TenantId tenantId, long runId) {
        return handle.createQuery("SELECT stored_file FROM import_runs WHERE tenant_id = :tenantId AND id = :id")
                .bind("tenantId", tenantId).bind("id", runId).mapTo(String.class).one();
    }

    /** The run's row locked: one task at a time moves a run on. */
    Optional<String> lockStatus(TenantId tenantId, long runId) {
        return handle.createQuery("SELECT status FROM import_runs WHERE tenant_id = :tenantId AND id = :id FOR UPDATE")
                .bind("tenantId", tenantId).bind("id", runId).mapTo(String.class).findOne();
    }

    /**
     * Takes a run to run it: a queued or failed one, or one whose last batch is older than
     * {@code deadBefore} (its node died mid-run). One caller wins; false for the others.
     */
    boolean claim(TenantId tenantId, long runId, Instant now, Instant deadBefore) {
        return handle.createUpdate("""
                        UPDATE import_runs SET status = 'RUNNING', failure = NULL, updated_at = :now
                         WHERE tenant_id = :tenantId AND id = :id
                           AND (status IN ('QUEUED', 'FAILED') OR (status = 'RUNNING' AND updated_at < :deadBefore))
                        """)
                .bind("tenantId", tenantId).bind("id", runId).bind("now", now).bind("deadBefore", deadBefore)
                .execute() == 1;
    }

    /** The service's latest runs, newest first. */
    /**
     * The files of runs left waiting since before {@code idleBefore}: uploaded and never run, or
     * checked by a dry run (or a dry run that failed) and never imported. Every service's: the
     * hourly housekeeping is a platform job.
     */
    List<String> idleFiles(Instant idleBefore) {
        return handle.createQuery("""
                        SELECT /* all tenants */ stored_file FROM import_runs
                         WHERE updated_at < :idleBefore
                           AND (status IN ('UPLOADED', 'CHECKED') OR (status = 'FAILED' AND mode = 'DRY_RUN'))
                        """)
                .bind("idleBefore", idleBefore).mapTo(String.class).list();
    }

    /** Whether some run keeps this file. */
    boolean fileKept(String storedFile) {
        return handle.createQuery("SELECT /* all tenants */ COUNT(*) FROM import_runs WHERE stored_file = :file")
                .bind("file", storedFile).mapTo(Integer.class).one() > 0;
    }

    List<Long> recent(TenantId tenantId, int limit) {
        return handle.createQuery("SELECT id FROM import_runs WHERE tenant_id = :tenantId ORDER BY id DESC LIMIT :limit")
                .bind("tenantId", tenantId).bind("limit", limit).mapTo(Long.class).list();
    }

    void start(TenantId tenantId, long runId, ImportRun.Mode mode, String options, Instant now) {
        handle.createUpdate("""
                        UPDATE import_runs SET mode = :mode, options = :options, status = 'QUEUED', failure = NULL,
                               post_check = NULL, updated_at = :now
                         WHERE tenant_id = :tenantId AND id = :id
                        """)
                .bind("tenantId", tenantId).bind("id", runId).bind("mode", mode.name()).bind("options", options)
                .bind("now", now).execute();
    }

    void status(TenantId tenantId, long runId, ImportRun.Status status, String failure, Instant now) {
        handle.createUpdate("""
                        UPDATE import_runs SET status = :status, failure = :failure, updated_at = :now
                         WHERE tenant_id = :tenantId AND id = :id
                        """)
                .bind("tenantId", tenantId).bind("id", runId).bind("status", status.name()).bind("failure", failure)
                .bind("now", now).execute();
    }

    void totals(TenantId tenantId, long runId, ImportRun.Totals totals, Instant now) {
        handle.createUpdate("""
                        UPDATE import_runs SET rows_total = :rows, rows_valid = :valid, rows_invalid = :invalid,
                               rows_new = :fresh, rows_existing = :existing, rows_done = :done, updated_at = :now
                         WHERE tenant_id = :tenantId AND id = :id
                        """)
                .bind("tenantId", tenantId).bind("id", runId).bind("rows", totals.rows()).bind("valid", totals.valid())
                .bind("invalid", totals.invalid()).bind("fresh", totals.fresh()).bind("existing", totals.existing())
                .bind("done", totals.done()).bind("now", now).execute();
    }

    void postCheck(TenantId tenantId, long runId, String check) {
        handle.createUpdate("UPDATE import_runs SET post_check = :check WHERE tenant_id = :tenantId AND id = :id")
                .bind("tenantId", tenantId).bind("id", runId).bind("check", check).execute();
    }

    /** Forgets a run's report and ledger from a row on (a fresh run: from the first). */
    void clearFrom(TenantId tenantId, long runId, int fromRow) {
        for (String table : List.of("import_errors", "import_rows")) {
            handle.createUpdate("DELETE FROM " + table + " WHERE tenant_id = :tenantId AND run_id = :runId"
                            + " AND row_no >= :fromRow")
                    .bind("tenantId", tenantId).bind("runId", runId).bind("fromRow", fromRow).execute();
        }
    }

    void insertProblems(TenantId tenantId, long runId, List<ImportProblem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        var batch = handle.prepareBatch("""
                INSERT INTO import_errors (tenant_id, run_id, row_no, seq, field, value, message)
                VALUES (:tenantId, :runId, :row, :seq, :field, :value, :message)
                """);
        Map<Integer, Integer> seq = new HashMap<>();
        for (ImportProblem problem : problems) {
            batch.bind("tenantId", tenantId).bind("runId", runId).bind("row", problem.row())
                    .bind("seq", seq.merge(problem.row(), 1, Integer::sum))
                    .bind("field", cut(problem.field(), 512)).bind("value", cut(problem.value(), 255))
                    .bind("message", cut(problem.message(), 1024)).add();
        }
        batch.execute();
    }

    /** The last row the ledger holds: a resumed run goes on after it. */
    int lastLedgerRow(TenantId tenantId, long runId) {
        return handle.createQuery("""
                        SELECT COALESCE(MAX(row_no), 0) FROM import_rows WHERE tenant_id = :tenantId AND run_id = :runId
                        """)
                .bind("tenantId", tenantId).bind("runId", runId).mapTo(Integer.class).one();
    }

    /** A ledger line: what became of a source row. */
    record Entry(int row, String outcome, RecordId recordId) {}

    void insertLedger(TenantId tenantId, long runId, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        var batch = handle.prepareBatch("""
                INSERT INTO import_rows (tenant_id, run_id, row_no, outcome, record_id)
                VALUES (:tenantId, :runId, :row, :outcome, :recordId)
                """);
        for (Entry entry : entries) {
            batch.bind("tenantId", tenantId).bind("runId", runId).bind("row", entry.row()).bind("outcome", entry.outcome())
                    .bind("recordId", entry.recordId() == null ? null : entry.recordId().toBytes()).add();
        }
        batch.execute();
    }

    /** The ledger of rows {@code from..to}, by row number. */
    Map<Integer, Entry> ledger(TenantId tenantId, long runId, int from, int to) {
        Map<Integer, Entry> entries = new HashMap<>();
        handle.createQuery("""
                        SELECT row_no, outcome, record_id FROM import_rows
                         WHERE tenant_id = :tenantId AND run_id = :runId AND row_no BETWEEN :from AND :to
                        """)
                .bind("tenantId", tenantId).bind("runId", runId).bind("from", from).bind("to", to)
                .map((rs, ctx) -> {
                    byte[] id = rs.getBytes("record_id");
                    return new Entry(rs.getInt("row_no"), rs.getString("outcome"),
                            id == null ? null : RecordId.fromBytes(id));
                }).forEach(entry -> entries.put(entry.row(), entry));
        return entries;
    }

    Map<String, Integer> outcomes(TenantId tenantId, long runId) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        handle.createQuery("""
                        SELECT outcome, COUNT(*) AS n FROM import_rows WHERE tenant_id = :tenantId AND run_id = :runId
                         GROUP BY outcome
                        """)
                .bind("tenantId", tenantId).bind("runId", runId)
                .map((rs, ctx) -> Map.entry(rs.getString("outcome"), rs.getInt("n")))
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
        return counts;
    }

    List<ImportProblem> problems(TenantId tenantId, long runId, int limit) {
        return handle.createQuery("""
                        SELECT row_no, field, value, message FROM import_errors
                         WHERE tenant_id = :tenantId AND run_id = :runId ORDER BY row_no, seq LIMIT :limit
                        """)
                .bind("tenantId", tenantId).bind("runId", runId).bind("limit", limit)
                .map((rs, ctx) -> new ImportProblem(rs.getInt("row_no"), rs.getString("field"), rs.getString("value"),
                        rs.getString("message"))).list();
    }

    /** Every line of the report in order, streamed. */
    void eachProblem(TenantId tenantId, long runId, java.util.function.Consumer<ImportProblem> each) {
        try (var problems = handle.createQuery("""
                        SELECT row_no, field, value, message FROM import_errors
                         WHERE tenant_id = :tenantId AND run_id = :runId ORDER BY row_no, seq
                        """)
                .bind("tenantId", tenantId).bind("runId", runId).setFetchSize(500)
                .map((rs, ctx) -> new ImportProblem(rs.getInt("row_no"), rs.getString("field"), rs.getString("value"),
                        rs.getString("message"))).stream()) {
            problems.forEach(each);
        }
    }

    /** The case files of these external ids, by external id. */
    Map<String, RecordId> externalIds(TenantId tenantId, String formKey, Collection<String> externalIds) {
        Map<String, RecordId> found = new HashMap<>();
        if (externalIds.isEmpty()) {
            return found;
        }
        handle.createQuery("""
                        SELECT external_id, record_id FROM record_external_ids
                         WHERE tenant_id = :tenantId AND form_key = :formKey AND external_id IN (<ids>)
                        """)
                .bind("tenantId", tenantId).bind("formKey", formKey).bindList("ids", List.copyOf(externalIds))
                .map((rs, ctx) -> Map.entry(rs.getString("external_id"), RecordId.fromBytes(rs.getBytes("record_id"))))
                .forEach(entry -> found.put(entry.getKey(), entry.getValue()));
        return found;
    }

    void insertExternalId(TenantId tenantId, String formKey, String externalId, RecordId recordId) {
        handle.createUpdate("""
                        INSERT INTO record_external_ids (tenant_id, form_key, external_id, record_id)
                        VALUES (:tenantId, :formKey, :externalId, :recordId)
                        """)
                .bind("tenantId", tenantId).bind("formKey", formKey).bind("externalId", externalId)
                .bind("recordId", recordId.toBytes()).execute();
    }

    /** The external ids of a batch's new case files, in one statement. */
    void insertExternalIds(TenantId tenantId, String formKey, Map<String, RecordId> externalIds) {
        if (externalIds.isEmpty()) {
            return;
        }
        var batch = handle.prepareBatch("""
                INSERT INTO record_external_ids (tenant_id, form_key, external_id, record_id)
                VALUES (:tenantId, :formKey, :externalId, :recordId)
                """);
        externalIds.forEach((externalId, recordId) -> batch.bind("tenantId", tenantId).bind("formKey", formKey)
                .bind("externalId", externalId).bind("recordId", recordId.toBytes()).add());
        batch.execute();
    }

    Optional<String> savedMapping(TenantId tenantId, String formKey) {
        return handle.createQuery("SELECT mapping FROM import_mappings WHERE tenant_id = :tenantId AND form_key = :formKey")
                .bind("tenantId", tenantId).bind("formKey", formKey).mapTo(String.class).findOne();
    }

    void saveMapping(TenantId tenantId, String formKey, String mapping, Instant now, String actor) {
        handle.createUpdate("""
                        INSERT INTO import_mappings (tenant_id, form_key, mapping, updated_at, updated_by)
                        VALUES (:tenantId, :formKey, :mapping, :now, :actor)
                        ON DUPLICATE KEY UPDATE mapping = VALUES(mapping), updated_at = VALUES(updated_at),
                                                updated_by = VALUES(updated_by)
                        """)
                .bind("tenantId", tenantId).bind("formKey", formKey).bind("mapping", mapping).bind("now", now)
                .bind("actor", actor).execute();
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }

    private static JsonNode parse(ObjectMapper json, String text) {
        try {
            return json.readTree(text == null ? "{}" : text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("import run holds no JSON", e);
        }
    }
}
