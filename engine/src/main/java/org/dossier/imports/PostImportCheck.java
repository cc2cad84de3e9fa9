package org.dossier.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dossier.record.CaseRecord;
import org.dossier.record.RecordId;
import org.dossier.record.RecordService;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Jdbi;

/**
 * The check after an import ("validation post-import"): how many rows ended in each outcome, and
 * every case file the run created or updated read back from the database (opened as any read
 * opens it) and compared with its source row converted again. A value that did not survive (a
 * field the form hides when it is saved, a change made in between) is a mismatch: its row and
 * field are kept, never its value.
 */
final class PostImportCheck {
    /** The mismatches kept in the run's result; the count goes on beyond. */
    static final int MAX_LISTED = 100;

    /** One case file that does not read back as its row: where, never what. */
    public record Mismatch(int row, String recordId, String field) {}

    /**
     * @param outcomes   rows per outcome ({@code created}, {@code updated}, {@code skipped}, {@code invalid})
     * @param checked    case files read back
     * @param equal      those equal to their row
     * @param mismatches the first {@link #MAX_LISTED} differences
     * @param mismatched how many case files differ
     */
    public record Result(Map<String, Integer> outcomes, int checked, int equal, List<Mismatch> mismatches,
                         int mismatched) {
        public boolean passed() {
            return mismatched == 0;
        }
    }

    private final Jdbi jdbi;
    private final RecordService records;
    private final int batchSize;

    PostImportCheck(Jdbi jdbi, RecordService records, int batchSize) {
        this.jdbi = jdbi;
        this.records = records;
        this.batchSize = batchSize;
    }

    Result check(TenantId tenantId, long runId, ImportSource source, RowConverter converter) {
        int[] checked = {0};
        int[] mismatched = {0};
        List<Mismatch> listed = new ArrayList<>();
        List<SourceRow> batch = new ArrayList<>(batchSize);
        Runnable flush = () -> {
            if (batch.isEmpty()) {
                return;
            }
            Map<Integer, ImportDao.Entry> ledger = jdbi.withHandle(handle -> new ImportDao(handle)
                    .ledger(tenantId, runId, batch.get(0).number(), batch.get(batch.size() - 1).number()));
            // The batch's case files read back in one query, each opened as any read opens it.
            Map<RecordId, CaseRecord> stored = records.getAll(tenantId, ledger.values().stream()
                    .filter(PostImportCheck::written).map(ImportDao.Entry::recordId).toList());
            for (SourceRow row : batch) {
                ImportDao.Entry entry = ledger.get(row.number());
                if (entry == null || !written(entry)) {
                    continue;
                }
                checked[0]++;
                CaseRecord record = stored.get(entry.recordId());
                List<String> differences = record == null ? List.of("")
                        : DataComparison.differences(converter.convert(row).data(), record.data());
                if (!differences.isEmpty()) {
                    mismatched[0]++;
                    for (String field : differences) {
                        if (listed.size() < MAX_LISTED) {
                            listed.add(new Mismatch(row.number(), entry.recordId().toString(),
                                    field.isEmpty() ? "" : field.substring(1)));
                        }
                    }
                }
            }
            batch.clear();
        };
        source.forEach(row -> {
            batch.add(row);
            if (batch.size() == batchSize) {
                flush.run();
            }
        });
        flush.run();
        Map<String, Integer> outcomes = jdbi.withHandle(handle -> new ImportDao(handle).outcomes(tenantId, runId));
        return new Result(outcomes, checked[0], checked[0] - mismatched[0], List.copyOf(listed), mismatched[0]);
    }

    private static boolean written(ImportDao.Entry entry) {
        return entry.recordId() != null
                && (ImportExecution.CREATED.equals(entry.outcome()) || ImportExecution.UPDATED.equals(entry.outcome()));
    }
}
