package org.dossier.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.form.CompiledForm;
import org.dossier.record.RecordId;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Keeps and reads the history of case files. {@link #keep} runs inside every save's transaction
 * (called by {@code RecordService}, which every save goes through), so a save and its history
 * commit together or not at all.
 */
public final class RecordHistory {
    /** The saves a history page shows. */
    public static final int PAGE_SIZE = 20;

    private final Jdbi jdbi;
    private final HistoryValues values;
    private final AuditLog audit;
    private final ObjectMapper json;

    public RecordHistory(Jdbi jdbi, HistoryValues values, AuditLog audit, ObjectMapper json) {
        this.jdbi = jdbi;
        this.values = values;
        this.audit = audit;
        this.json = json;
    }

    /**
     * Stores what a save changed, in its transaction; a save that changed nothing leaves no entry.
     *
     * @param before      the stored data before the save, null for a creation
     * @param lockVersion the version the save produced
     * @return the fields it changed
     */
    public List<FieldChange> keep(Handle handle, TenantId tenantId, RecordId recordId, int lockVersion,
                                  CompiledForm form, JsonNode before, JsonNode after, String actor, Instant at) {
        List<FieldChange> changes = ChangeDiff.between(form.effectiveSchema(), before, after);
        if (!changes.isEmpty()) {
            new HistoryDao(handle).insert(tenantId, recordId, new HistoryDao.Row(lockVersion, at, actor,
                    form.formKey(), form.version(), values.encode(tenantId, changes)));
        }
        return changes;
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
     */
    public Page page(TenantId tenantId, RecordId recordId, int page, boolean reveal) {
        int number = Math.max(1, page);
        return jdbi.withHandle(handle -> {
            HistoryDao dao = new HistoryDao(handle);
            List<ChangeEntry> entries = dao.page(tenantId, recordId, PAGE_SIZE, (number - 1) * PAGE_SIZE).stream()
                    .map(row -> entry(tenantId, row, reveal)).toList();
            return new Page(entries, dao.count(tenantId, recordId), number, PAGE_SIZE);
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
        return jdbi.withHandle(handle -> new HistoryDao(handle).page(tenantId, recordId, Integer.MAX_VALUE, 0))
                .stream().map(row -> entry(tenantId, row, reveal)).toList();
    }

    private ChangeEntry entry(TenantId tenantId, HistoryDao.Row row, boolean reveal) {
        return new ChangeEntry(row.lockVersion(), row.changedAt(), row.changedBy(), row.formKey(), row.schemaVersion(),
                values.decode(tenantId, row.changes(), reveal));
    }
}
