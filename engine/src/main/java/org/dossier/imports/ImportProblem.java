package org.dossier.imports;

/**
 * One line of an import's report: a row, the field, the value as the file held it (masked when the
 * field is confidential, cut when long) and the message a form post would have had.
 *
 * @param field the field's key ({@code identite/nom}, {@code membres_foyer/0/prenom}) or the column's heading
 */
public record ImportProblem(int row, String field, String value, String message) {
    /** What the report shows in place of a confidential value. */
    public static final String MASKED = "•••";
    static final int MAX_VALUE = 200;

    static String shown(String value) {
        String text = value == null ? "" : value;
        return text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE - 1) + "…" : text;
    }
}
