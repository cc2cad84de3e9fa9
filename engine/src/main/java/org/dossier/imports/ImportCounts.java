package org.dossier.imports;

/** The totals of a run as it goes, written to its row with each batch. */
final class ImportCounts {
    int rows;
    int valid;
    int invalid;
    int fresh;
    int existing;
    int done;

    static ImportCounts of(ImportRun.Totals totals) {
        ImportCounts counts = new ImportCounts();
        counts.rows = totals.rows();
        counts.valid = totals.valid();
        counts.invalid = totals.invalid();
        counts.fresh = totals.fresh();
        counts.existing = totals.existing();
        counts.done = totals.done();
        return counts;
    }

    ImportRun.Totals totals() {
        return new ImportRun.Totals(rows, valid, invalid, fresh, existing, done);
    }
}
