package org.dossier.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * XLSX through fastexcel's streaming writer: the case files' sheet, then one sheet per repeatable
 * group whose rows carry the case file's id. Each sheet has the labels in the reader's language
 * in its first row and the keys in its second. Rows are flushed to the response every
 * {@link #FLUSH_EVERY}, and strings are written inline rather than into a shared-strings table
 * that would grow with the file. A ZIP is written one entry after the other, so each sheet is a
 * pass of its own over the source, finished before the next begins.
 */
final class XlsxExportWriter {
    private static final int FLUSH_EVERY = 1000;
    /** A cell holds at most this many characters (Excel's limit); a longer value is cut. */
    private static final int MAX_CELL = 32_767;

    private XlsxExportWriter() {}

    static long write(ExportColumns columns, ExportHeadings headings, ExportSource source, OutputStream out)
            throws IOException {
        Workbook workbook = new Workbook(out, "Dossier", "1.0");
        Set<String> names = new HashSet<>();
        long count;
        try {
            Worksheet sheet = workbook.newWorksheet(sheetName(headings.caseFiles(), names));
            String[] fixedLabels = {headings.id(), headings.formVersion(), headings.phase(), headings.createdAt(),
                    headings.updatedAt()};
            String[] fixedKeys = {ExportHeadings.ID, ExportHeadings.FORM_VERSION, ExportHeadings.PHASE,
                    ExportHeadings.CREATED_AT, ExportHeadings.UPDATED_AT};
            header(sheet, fixedLabels, fixedKeys, columns.fields());
            int[] row = {2};
            count = source.forEach(record -> {
                int r = row[0]++;
                text(sheet, r, 0, record.id().toString());
                sheet.value(r, 1, record.formVersion());
                text(sheet, r, 2, record.phase().name().toLowerCase(Locale.ROOT));
                text(sheet, r, 3, record.createdAt().toString());
                text(sheet, r, 4, record.updatedAt().toString());
                int c = fixedKeys.length;
                for (ExportColumns.Column column : columns.fields()) {
                    cell(sheet, r, c++, record.data().at(column.pointer()));
                }
                flushSometimes(sheet, r);
            });
            sheet.finish();
            for (ExportColumns.Group group : columns.groups()) {
                groupSheet(workbook.newWorksheet(sheetName(group.label(), names)), group, headings, source);
            }
            workbook.finish();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return count;
    }

    private static void groupSheet(Worksheet sheet, ExportColumns.Group group, ExportHeadings headings,
                                   ExportSource source) throws IOException {
        header(sheet, new String[] {headings.id(), headings.row()}, new String[] {ExportHeadings.ID, ExportHeadings.ROW},
                group.columns());
        int[] row = {2};
        source.forEach(record -> {
            JsonNode rows = record.data().at(group.pointer());
            if (!rows.isArray()) {
                return;
            }
            for (int index = 0; index < rows.size(); index++) {
                int r = row[0]++;
                text(sheet, r, 0, record.id().toString());
                sheet.value(r, 1, index + 1);
                int c = 2;
                for (ExportColumns.Column column : group.columns()) {
                    cell(sheet, r, c++, rows.get(index).at(column.pointer()));
                }
                flushSometimes(sheet, r);
            }
        });
        sheet.finish();
    }

    private static void header(Worksheet sheet, String[] fixedLabels, String[] fixedKeys,
                               java.util.List<ExportColumns.Column> columns) {
        for (int c = 0; c < fixedLabels.length; c++) {
            text(sheet, 0, c, fixedLabels[c]);
            text(sheet, 1, c, fixedKeys[c]);
        }
        int c = fixedLabels.length;
        for (ExportColumns.Column column : columns) {
            text(sheet, 0, c, column.label());
            text(sheet, 1, c++, column.key());
        }
        sheet.range(0, 0, 0, c - 1).style().bold().set();
        sheet.freezePane(0, 2);
    }

    private static void cell(Worksheet sheet, int row, int column, JsonNode value) {
        if (value.isNumber()) {
            sheet.value(row, column, value.numberValue());
        } else {
            text(sheet, row, column, ExportValues.text(value));
        }
    }

    private static void text(Worksheet sheet, int row, int column, String value) {
        if (!value.isEmpty()) {
            // Written as a string cell, never as a formula: nothing in it is run when the file opens.
            sheet.inlineString(row, column, value.length() > MAX_CELL ? value.substring(0, MAX_CELL) : value);
        }
    }

    private static void flushSometimes(Worksheet sheet, int row) {
        if (row % FLUSH_EVERY == 0) {
            try {
                sheet.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A sheet name: at most 31 characters, none of {@code []:*?/\}, unique in the workbook. */
    static String sheetName(String wanted, Set<String> taken) {
        String base = wanted.replaceAll("[\\[\\]:*?/\\\\]", " ").strip();
        base = base.isEmpty() ? "Sheet" : base;
        base = base.length() > 31 ? base.substring(0, 31) : base;
        String name = base;
        for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
            String suffix = " (" + n + ")";
            name = (base.length() + suffix.length() > 31 ? base.substring(0, 31 - suffix.length()) : base) + suffix;
        }
        return name;
    }
}
