package org.dossier.export;

import java.util.function.Consumer;

/**
 * The case files of one export, read anew on each pass (an XLSX file reads them once per sheet):
 * a source holds no row between passes, so memory stays the same whatever their number.
 */
public interface ExportSource {
    /** Hands each case file to {@code each}, in a stable order; returns how many. */
    long forEach(Consumer<ExportedRecord> each);
}
