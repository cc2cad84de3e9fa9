package org.dossier.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV files for spreadsheets as French offices open them: UTF-8 with a byte-order mark (without
 * it, Excel reads UTF-8 as Windows-1252 and garbles accents), {@code ;} between fields (Excel in a
 * French locale splits on the list separator, which is {@code ;} since {@code ,} is the decimal
 * mark), CRLF line ends, and RFC 4180 quoting.
 *
 * <p>Safe against formula injection: a value starting with {@code = + - @}, a tab or a carriage
 * return would be run as a formula by a spreadsheet; it gets a leading apostrophe, which
 * spreadsheets read as "text" (OWASP's advice). Service names are typed by people, so they count.
 */
public final class Csv {
    public static final String SEPARATOR = ";";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private Csv() {}

    /** The file's bytes: the byte-order mark, then each row. */
    public static byte[] document(List<List<String>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(BOM);
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    line.append(SEPARATOR);
                }
                line.append(field(row.get(i)));
            }
            out.writeBytes(line.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** One field, neutralised and quoted when it needs to be. */
    static String field(String value) {
        String text = org.dossier.export.SpreadsheetText.neutralised(value);
        if (text.contains(SEPARATOR) || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
