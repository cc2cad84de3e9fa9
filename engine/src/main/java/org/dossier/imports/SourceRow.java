package org.dossier.imports;

import java.util.Map;

/**
 * One row of an import file.
 *
 * @param number    the row's number as the person sees it in the file: the line of a CSV or JSON
 *                  lines file, the row of a spreadsheet (headers included)
 * @param cells     the row's values by column heading; a blank cell may be absent
 * @param malformed whether the row could not be read at all (a JSON line that is not a JSON object):
 *                  it is reported as invalid, the rows after it are read on
 */
public record SourceRow(int number, Map<String, String> cells, boolean malformed) {
    public SourceRow(int number, Map<String, String> cells) {
        this(number, cells, false);
    }

    public String cell(String column) {
        return cells.getOrDefault(column, "");
    }
}
