package org.dossier.backup;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the rows of each table in a dump as it streams by, so that the manifest's counts are those
 * of the dump's own snapshot (a count taken by another query could see other rows). It reads the
 * statements {@code mariadb-dump} writes, {@code INSERT INTO `table` VALUES (...),(...);} (tuples on one line
 * or one per line), and counts
 * the top-level tuples, skipping quoted strings with their backslash escapes.
 */
final class RowCounter extends OutputStream {
    private static final String INSERT = "INSERT INTO `";
    private static final int LINE_START_LIMIT = 1024;

    private final Map<String, Long> rows = new TreeMap<>();
    private final StringBuilder lineStart = new StringBuilder();
    private boolean inValues;
    private boolean inString;
    private boolean escaped;
    private int depth;
    private String table;

    @Override
    public void write(int value) {
        char c = (char) (value & 0xff);
        if (inValues) {
            values(c);
        } else {
            line(c);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    private void line(char c) {
        boolean insert = lineStart.length() > INSERT.length() && lineStart.indexOf(INSERT) == 0
                && lineStart.indexOf(" VALUES") > 0;
        if (insert && (c == '(' || c == '\n')) {
            // MariaDB 11 writes "VALUES" then each tuple on a line of its own; older tools one line per statement.
            table = lineStart.substring(INSERT.length(), lineStart.indexOf("`", INSERT.length()));
            inValues = true;
            depth = 0;
            values(c);
            return;
        }
        if (c == '\n') {
            lineStart.setLength(0);
            return;
        }
        if (lineStart.length() < LINE_START_LIMIT) {
            lineStart.append(c);
        }
    }

    private void values(char c) {
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '\'') {
                inString = false;
            }
            return;
        }
        switch (c) {
            case '\'' -> inString = true;
            case '(' -> {
                if (depth++ == 0) {
                    rows.merge(table, 1L, Long::sum);
                }
            }
            case ')' -> depth--;
            case ';' -> {
                if (depth == 0) {
                    inValues = false;
                    lineStart.setLength(0);
                }
            }
            default -> { }
        }
    }

    /** Rows seen per table, tables in name order; tables without a row are absent. */
    Map<String, Long> rows() {
        return Map.copyOf(rows);
    }

    /** For the tests: counts of a dump given as text. */
    static Map<String, Long> count(String dump) {
        RowCounter counter = new RowCounter();
        counter.write(dump.getBytes(StandardCharsets.UTF_8), 0, dump.getBytes(StandardCharsets.UTF_8).length);
        return counter.rows();
    }
}
