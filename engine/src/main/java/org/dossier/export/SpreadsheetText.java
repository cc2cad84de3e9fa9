package org.dossier.export;

/**
 * Text that a spreadsheet will not run: a value starting with {@code = + - @}, a tab or a carriage
 * return would be read as a formula when the file is opened (CSV injection); it gets a leading
 * apostrophe, which spreadsheets read as "text" (OWASP's advice). Case files hold what people
 * typed, so every value counts.
 */
public final class SpreadsheetText {
    private SpreadsheetText() {}

    public static String neutralised(String value) {
        String text = value == null ? "" : value;
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
