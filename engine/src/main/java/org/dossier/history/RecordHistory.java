package org.dossier.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.record.RecordId;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Keeps and reads the history of case files. {@link #keep} runs inside every save's transaction
 * (called by {@code RecordService}, which every save goes through), so a save and its history
 * commit together or not at all.
 *
 * <p>A creation is stored without its values (who, when, which form version): they are the case
 * file as it is now with every later change undone, which is how {@link #page} shows them. So the
 * history holds only what changed after the first save, never a copy of the file, and a creation
 * costs one small row.
 */
public final class RecordHistory {
    /** The saves a history page shows. */
    public static final int PAGE_SIZE = 20;
    private static final int CREATION = 1;

    private final Jdbi jdbi;
    private final HistoryValues values;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final FormService forms;
    private final BiFunction<TenantId, RecordId, CaseRecord> current;

    /**
     * @param current the case file as stored now, read the way every read goes (its confidential
     *                values in clear), from which a creation's values are worked back
     */
    public RecordHistory(Jdbi jdbi, HistoryValues values, AuditLog audit, ObjectMapper json, FormService forms,
                         BiFunction<TenantId, RecordId, CaseRecord> current) {
        this.jdbi = jdbi;
        this.values = values;
        this.audit = audit;
        this.json = json;
        this.forms = forms;
        this.current = current;
    }

    /**
     * Stores what a save changed, in its transaction; a save that changed nothing leaves no entry.
     *
     * @param before      the stored data before the save, null for a creation (stored without its values)
     * @param lockVersion the version the save produced
     * @return the fields it changed (none for a creation)
     */
    public List<FieldChange> keep(Handle handle, TenantId tenantId, RecordId recordId, int lockVersion,
                                  CompiledForm form, JsonNode before, JsonNode after, String actor, Instant at) {
        List<FieldChange> changes = before == null ? List.of() : ChangeDiff.between(form.effectiveSchema(), before, after);
        if (before == null || !changes.isEmpty()) {
            new HistoryDao(handle).insert(tenantId, recordId, new HistoryDao.Row(lockVersion, at, actor,
                    form.formKey(), form.version(), values.encode(tenantId, recordId, changes)));
        }
        return changes;
    }

    /** The creations of several case files in one batch: for each, the one small row {@link #keep} stores. */
    public void keepCreations(Handle handle, TenantId tenantId, List<RecordId> recordIds, CompiledForm form,
                              String actor, Instant at) {
        java.util.Map<RecordId, HistoryDao.Row> rows = new java.util.LinkedHashMap<>();
        for (RecordId recordId : recordIds) {
            rows.put(recordId, new HistoryDao.Row(CREATION, at, actor, form.formKey(), form.version(),
                    values.encode(tenantId, recordId, List.of())));
        }
        new HistoryDao(handle).insertAll(tenantId, rows);
    }

    /** One page of a case file's history. */
    public record Page(List<ChangeEntry> entries, long total, int page, int pageSize) {
        public boolean hasNext() {
            return (long) page * pageSize < total;
        }
    }

    /**
     * Page {@code page} (from 1) of a case file's history, newest first.
     *
     * @param reveal whether the reader holds the confidential grant
     * @throws org.dossier.record.NoSuchRecordException when the service has no such case file
     */
    public Page page(TenantId tenantId, RecordId recordId, int page, boolean reveal) {
        int number = Math.max(1, page);
        CaseRecord record = current.apply(tenantId, recordId);
        return jdbi.withHandle(handle -> {
            HistoryDao dao = new HistoryDao(handle);
            // Up to the version read: a save made since is in neither, so the creation worked back stays right.
            int upTo = record.lockVersion();
            List<HistoryDao.Row> rows = dao.page(tenantId, recordId, upTo, PAGE_SIZE, (number - 1) * PAGE_SIZE);
            boolean hasCreation = rows.stream().anyMatch(row -> row.lockVersion() == CREATION);
            List<HistoryDao.Row> all = hasCreation && rows.size() < upTo
                    ? dao.page(tenantId, recordId, upTo, Integer.MAX_VALUE, 0) : rows;
            return new Page(entries(tenantId, record, rows, all, reveal), dao.count(tenantId, recordId, upTo), number,
                    PAGE_SIZE);
        });
    }

    /**
     * A page of the history as a person reads it: showing them a confidential value is a
     * confidential read, audited as the case file's page audits one ({@code record.confidential.read}).
     */
    public Page read(TenantId tenantId, RecordId recordId, int page, boolean reveal, Actor reader) {
        Page read = page(tenantId, recordId, page, reveal);
        read.entries().stream().filter(ChangeEntry::revealsConfidential).findFirst().ifPresent(entry ->
                jdbi.useHandle(handle -> audit.record(handle, tenantId, reader, "record.confidential.read", "record",
                        recordId.toString(), json.createObjectNode().put("form", entry.formKey())
                                .put("schemaVersion", entry.schemaVersion()).put("version", entry.lockVersion())
                                .put("from", "history"))));
        return read;
    }

    /** The whole history of a case file, newest first (an access request reports all of it). */
    public List<ChangeEntry> all(TenantId tenantId, RecordId recordId, boolean reveal) {
        CaseRecord record = current.apply(tenantId, recordId);
        List<HistoryDao.Row> rows = jdbi.withHandle(handle -> new HistoryDao(handle).page(tenantId, recordId,
                record.lockVersion(), Integer.MAX_VALUE, 0));
        return entries(tenantId, record, rows, rows, reveal);
    }

    /** {@code rows} as entries, a creation among them with its values worked back through {@code all}. */
    private List<ChangeEntry> entries(TenantId tenantId, CaseRecord record, List<HistoryDao.Row> rows,
                                      List<HistoryDao.Row> all, boolean reveal) {
        List<ChangeEntry> entries = new ArrayList<>();
        for (HistoryDao.Row row : rows) {
            List<FieldChange> changes = row.lockVersion() == CREATION
                    ? creation(tenantId, record, all, reveal) : values.decode(tenantId, record.id(), row.changes(), reveal);
            entries.add(new ChangeEntry(row.lockVersion(), row.changedAt(), row.changedBy(), row.formKey(),
                    row.schemaVersion(), changes));
        }
        return List.copyOf(entries);
    }

    /**
     * The values a case file was created with: its values now, each later change undone, newest
     * first. For a reader without the grant a confidential value stays unopened: only whether the
     * field held one shows.
     */
    private List<FieldChange> creation(TenantId tenantId, CaseRecord record, List<HistoryDao.Row> all,
                                       boolean reveal) {
        CompiledForm form = forms.latest(tenantId, record.formKey());
        Map<String, FieldChange> state = new LinkedHashMap<>();
        for (FieldChange value : ChangeDiff.between(form.effectiveSchema(), null, record.data())) {
            state.put(value.pointer(), value);
        }
        for (HistoryDao.Row row : all) { // newest first
            if (row.lockVersion() == CREATION) {
                continue;
            }
            for (FieldChange change : values.decode(tenantId, record.id(), row.changes(), reveal)) {
                if (change.before().isPresent()) {
                    state.put(change.pointer(), new FieldChange(change.pointer(), change.confidential(),
                            Optional.empty(), change.before(), change.masked()));
                } else {
                    state.remove(change.pointer());
                }
            }
        }
        return state.values().stream().map(value -> value.confidential() && !reveal
                ? new FieldChange(value.pointer(), true, Optional.empty(), Optional.of(NullNode.getInstance()), true)
                : value).toList();
    }
}
