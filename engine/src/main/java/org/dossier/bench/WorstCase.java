package org.dossier.bench;

import org.dossier.form.FormService;

/**
 * The most work one request within the body limit could ask for, before the limits bounded it: a
 * case file whose household is nothing but empty rows, as many as the body holds. Each row used to
 * be validated (three required fields each), so a mebibyte took seconds of CPU to refuse.
 */
final class WorstCase {
    private static final String HEAD = "{\"form\":\"" + FormService.CASE_FILE + "\",\"data\":{\"membres_foyer\":[";
    private static final String TAIL = "]}}";
    private static final String ROW = "{}";

    private WorstCase() {}

    /** A JSON submit of at most {@code maxBytes} bytes (ASCII only, so characters are bytes). */
    static String emptyRows(long maxBytes) {
        long rows = rows(maxBytes);
        StringBuilder body = new StringBuilder((int) maxBytes).append(HEAD);
        for (long row = 0; row < rows; row++) {
            if (row > 0) {
                body.append(',');
            }
            body.append(ROW);
        }
        return body.append(TAIL).toString();
    }

    /** How many rows fit: each but the first takes a comma too. */
    static long rows(long maxBytes) {
        return (maxBytes - HEAD.length() - TAIL.length() + 1) / (ROW.length() + 1);
    }
}
