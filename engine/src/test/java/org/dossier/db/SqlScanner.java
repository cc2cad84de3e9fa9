package org.dossier.db;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds SQL on tenant-scoped tables that does not filter on {@code tenant_id}.
 *
 * <p>The rule, simple enough to explain in a review: SQL in the main code is written as string
 * literals and text blocks. Each Java statement (the text up to its {@code ;}) is one piece: the
 * literals it holds are joined, so {@code "SELECT " + COLUMNS + " FROM records WHERE tenant_id = ..."}
 * is read as one. A piece that reads from or writes to a tenant-scoped table ({@code FROM},
 * {@code JOIN}, {@code UPDATE} followed by the table name) must have a {@code WHERE} (or join
 * {@code ON}) clause with a condition {@code tenant_id =} or {@code tenant_id IN} in that same statement; one that inserts
 * ({@code INTO}) must name the {@code tenant_id} column. Otherwise it must say {@code /* all tenants *}{@code /}: the marker of a
 * deliberate platform-wide query, which a reviewer can grep for. A query assembled over several
 * statements (a search with optional filters) must therefore start from a literal that already
 * holds its tenant condition.
 */
final class SqlScanner {
    static final String ALL_TENANTS = "/* all tenants */";
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?`?(\\w+)`?\\s*\\((.*?)\\)\\s*(?:ENGINE|;)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ADD_TENANT_COLUMN = Pattern.compile(
            "ALTER\\s+TABLE\\s+`?(\\w+)`?\\s+ADD\\s+(?:COLUMN\\s+)?`?tenant_id`?", Pattern.CASE_INSENSITIVE);
    /** A condition on the tenant in a WHERE or join ON clause: {@code tenant_id = …}, {@code m.tenant_id IN (…)}. */
    private static final Pattern FILTER = Pattern.compile("\\b(where|on)\\b[\\s\\S]*\\btenant_id\\s*(=|in\\b)");
    private static final Pattern TENANT_COLUMN = Pattern.compile("(^|[\\s,(])`?tenant_id`?\\s+\\w", Pattern.CASE_INSENSITIVE);

    private SqlScanner() {}

    /** A statement on a tenant-scoped table without a tenant condition. */
    record Violation(String file, int line, String table, String sql) {
        @Override
        public String toString() {
            return file + ":" + line + " queries " + table + " without tenant_id: " + sql.replaceAll("\\s+", " ").trim();
        }
    }

    /** The tables whose definition has a {@code tenant_id} column, from the migrations' SQL. */
    static Set<String> tenantScopedTables(List<String> migrations) {
        Set<String> tables = new LinkedHashSet<>();
        for (String sql : migrations) {
            String code = withoutSqlComments(sql);
            Matcher create = CREATE_TABLE.matcher(code);
            while (create.find()) {
                if (TENANT_COLUMN.matcher(create.group(2)).find()) {
                    tables.add(create.group(1).toLowerCase(Locale.ROOT));
                }
            }
            Matcher alter = ADD_TENANT_COLUMN.matcher(code);
            while (alter.find()) {
                tables.add(alter.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }

    /** Every violation in one Java source file. */
    static List<Violation> scan(String fileName, String source, Set<String> tenantTables) {
        List<Violation> violations = new ArrayList<>();
        for (Piece piece : pieces(source)) {
            String sql = piece.text();
            String lower = sql.toLowerCase(Locale.ROOT);
            if (sql.contains(ALL_TENANTS)) {
                continue;
            }
            boolean inserts = lower.contains("tenant_id");
            boolean filters = FILTER.matcher(lower).find();
            for (String table : tenantTables) {
                boolean read = Pattern.compile("\\b(from|join|update)\\s+`?" + table + "`?(\\b|$)").matcher(lower).find();
                boolean written = Pattern.compile("\\binto\\s+`?" + table + "`?(\\b|$)").matcher(lower).find();
                if ((read && !filters) || (written && !inserts)) {
                    violations.add(new Violation(fileName, piece.line(), table, sql));
                }
            }
        }
        return violations;
    }

    /** The string literals of one Java statement, joined, and the line where the statement starts. */
    record Piece(String text, int line) {}

    /**
     * Splits Java source into statements and gathers each one's literals. Comments are skipped;
     * text blocks and ordinary literals are decoded enough for matching (escapes kept as written).
     */
    static List<Piece> pieces(String source) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder literals = new StringBuilder();
        int line = 1;
        int statementLine = 1;
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(source, i, end);
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                while (end > 0 && source.charAt(end - 1) == '\\') {
                    end = source.indexOf("\"\"\"", end + 1);
                }
                end = end < 0 ? n : end;
                if (literals.length() == 0) {
                    statementLine = line;
                }
                literals.append(source, i + 3, end).append(' ');
                line += count(source, i, end);
                i = Math.min(n, end + 3);
            } else if (c == '"') {
                int j = i + 1;
                while (j < n && source.charAt(j) != '"' && source.charAt(j) != '\n') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                if (literals.length() == 0) {
                    statementLine = line;
                }
                literals.append(source, i + 1, Math.min(j, n)).append(' ');
                i = j + 1;
            } else if (c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != '\'') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
            } else if (c == ';' || c == '{' || c == '}') {
                if (literals.length() > 0) {
                    pieces.add(new Piece(literals.toString(), statementLine));
                    literals.setLength(0);
                }
                i++;
            } else {
                i++;
            }
        }
        if (literals.length() > 0) {
            pieces.add(new Piece(literals.toString(), statementLine));
        }
        return pieces;
    }

    private static int count(String text, int from, int to) {
        int lines = 0;
        for (int k = from; k < to && k < text.length(); k++) {
            if (text.charAt(k) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static String withoutSqlComments(String sql) {
        return sql.replaceAll("--[^\\n]*", " ");
    }
}
