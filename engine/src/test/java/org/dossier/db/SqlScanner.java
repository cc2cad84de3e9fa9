package org.dossier.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds SQL on tenant-scoped tables that does not filter on {@code tenant_id}.
 *
 * <p>A table is tenant-scoped when a migration creates it with a {@code tenant_id} column or adds
 * one later. The SQL is read from the string literals and text blocks of the main code, one Java
 * expression at a time (see {@link JavaLiterals}), and from the statements of any {@code .sql}
 * resource other than the migrations.
 *
 * <p>The rule, simple enough to explain in a review: a piece of SQL that reads or changes a
 * tenant-scoped table ({@code FROM}, {@code JOIN}, {@code UPDATE}, {@code TRUNCATE} followed by
 * the table's name) must hold a condition {@code tenant_id =} or {@code tenant_id IN} after a
 * {@code WHERE} or a join's {@code ON}; one that inserts ({@code INTO}) must name the
 * {@code tenant_id} column. Otherwise it must say {@code /* all tenants *}{@code /}: the marker of
 * a deliberate platform-wide query, which a reviewer can grep for.
 *
 * <p>SQL assembled over several statements (a {@code StringBuilder} of optional filters) is read
 * piece by piece, so the piece that names the table must already hold the tenant condition:
 * {@code "SELECT ... FROM records WHERE " + where} fails even when {@code where} was started with
 * {@code "tenant_id = :tenantId"} three lines above. Following a variable through a method is
 * beyond a lexer, and writing the condition next to the table is what a reader checks anyway.
 */
final class SqlScanner {
    static final String ALL_TENANTS = "/* all tenants */";
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "\\bCREATE\\s+(?:TEMPORARY\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?`?(\\w+)`?\\s*\\(", Pattern.CASE_INSENSITIVE);
    /** A column definition starts the table body or follows a comma: {@code tenant_id BIGINT ...}. */
    private static final Pattern TENANT_COLUMN = Pattern.compile("(?:^|,)\\s*`?tenant_id`?\\s+\\w", Pattern.CASE_INSENSITIVE);
    private static final Pattern ALTER_TABLE = Pattern.compile(
            "\\bALTER\\s+TABLE\\s+`?(\\w+)`?([^;]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ADD_TENANT_COLUMN = Pattern.compile(
            "\\bADD\\s+(?:COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?`?tenant_id`?\\s", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILTER = Pattern.compile("\\b(?:where|on)\\b[\\s\\S]*\\btenant_id`?\\s*(?:=|in\\b)");

    private SqlScanner() {}

    /** Some SQL, as one string, and the line of the file where it starts. */
    record Piece(String sql, int line) {}

    /** SQL on a tenant-scoped table without a tenant condition. */
    record Violation(String file, int line, String table, String sql) {
        @Override
        public String toString() {
            return file + ":" + line + " uses " + table + " without tenant_id: " + sql.replaceAll("\\s+", " ").trim();
        }
    }

    /** What a scan of a module found. */
    record Report(Set<String> tenantTables, int pieces, List<Violation> violations) {}

    /** Scans a Maven module: its migrations, its main Java code and its other {@code .sql} resources. */
    static Report scanModule(Path moduleDirectory) {
        Path module = moduleDirectory.toAbsolutePath().normalize();
        Path java = module.resolve("src/main/java");
        Path resources = module.resolve("src/main/resources");
        Path migrations = resources.resolve("db/migration");
        Set<String> tables = tenantScopedTables(files(migrations, ".sql").stream().map(SqlScanner::read).toList());
        int pieces = 0;
        List<Violation> violations = new ArrayList<>();
        for (Path file : files(java, ".java")) {
            List<Piece> found = JavaLiterals.pieces(read(file));
            pieces += found.size();
            violations.addAll(check(module.relativize(file).toString(), found, tables));
        }
        for (Path file : files(resources, ".sql")) {
            if (!file.startsWith(migrations)) {
                List<Piece> found = sqlStatements(read(file));
                pieces += found.size();
                violations.addAll(check(module.relativize(file).toString(), found, tables));
            }
        }
        return new Report(tables, pieces, violations);
    }

    /** The SQL of one file of a module: its Java string expressions, or the statements of a {@code .sql} resource. */
    record Source(String file, List<Piece> pieces) {}

    /** Every piece of SQL {@link #scanModule} reads, by file: the same collection, for other checks. */
    static List<Source> sources(Path moduleDirectory) {
        Path module = moduleDirectory.toAbsolutePath().normalize();
        Path resources = module.resolve("src/main/resources");
        Path migrations = resources.resolve("db/migration");
        List<Source> sources = new ArrayList<>();
        for (Path file : files(module.resolve("src/main/java"), ".java")) {
            sources.add(new Source(module.relativize(file).toString(), JavaLiterals.pieces(read(file))));
        }
        for (Path file : files(resources, ".sql")) {
            if (!file.startsWith(migrations)) {
                sources.add(new Source(module.relativize(file).toString(), sqlStatements(read(file))));
            }
        }
        return sources;
    }

    /** The migrations' SQL, one string per file. */
    static List<String> migrations(Path moduleDirectory) {
        Path migrations = moduleDirectory.toAbsolutePath().normalize().resolve("src/main/resources/db/migration");
        return files(migrations, ".sql").stream().map(SqlScanner::read).toList();
    }

    /** The tables whose definition has a {@code tenant_id} column, from the migrations' SQL. */
    static Set<String> tenantScopedTables(List<String> migrations) {
        Set<String> tables = new LinkedHashSet<>();
        for (String migration : migrations) {
            String sql = migration.replaceAll("--[^\\n]*", " ").replaceAll("(?s)/\\*.*?\\*/", " ");
            Matcher create = CREATE_TABLE.matcher(sql);
            while (create.find()) {
                if (TENANT_COLUMN.matcher(parenthesised(sql, create.end())).find()) {
                    tables.add(create.group(1).toLowerCase(Locale.ROOT));
                }
            }
            Matcher alter = ALTER_TABLE.matcher(sql);
            while (alter.find()) {
                if (ADD_TENANT_COLUMN.matcher(alter.group(2) + " ").find()) {
                    tables.add(alter.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return tables;
    }

    /** The violations among the pieces of SQL of one file. */
    static List<Violation> check(String file, List<Piece> pieces, Set<String> tenantTables) {
        Map<String, Pattern> reads = new LinkedHashMap<>();
        Map<String, Pattern> inserts = new LinkedHashMap<>();
        for (String table : tenantTables) {
            String name = "\\s+`?" + Pattern.quote(table) + "`?(?![\\w$])";
            reads.put(table, Pattern.compile("\\b(?:from|join|update|truncate(?:\\s+table)?)" + name));
            inserts.put(table, Pattern.compile("\\binto" + name));
        }
        List<Violation> violations = new ArrayList<>();
        for (Piece piece : pieces) {
            String sql = piece.sql().toLowerCase(Locale.ROOT);
            if (sql.contains(ALL_TENANTS)) {
                continue;
            }
            boolean filters = FILTER.matcher(sql).find();
            boolean namesTenant = sql.contains("tenant_id");
            for (String table : tenantTables) {
                if ((reads.get(table).matcher(sql).find() && !filters)
                        || (inserts.get(table).matcher(sql).find() && !namesTenant)) {
                    violations.add(new Violation(file, piece.line(), table, piece.sql()));
                }
            }
        }
        return violations;
    }

    /** The statements of a {@code .sql} file, split at semicolons, line comments removed. */
    static List<Piece> sqlStatements(String sql) {
        List<Piece> statements = new ArrayList<>();
        int line = 1;
        for (String statement : sql.replaceAll("--[^\\n]*", "").split(";")) {
            String leading = statement.substring(0, statement.length() - statement.stripLeading().length());
            if (!statement.isBlank()) {
                statements.add(new Piece(statement.strip(), line + (int) leading.chars().filter(c -> c == '\n').count()));
            }
            line += (int) statement.chars().filter(c -> c == '\n').count();
        }
        return statements;
    }

    /** The text from {@code start} up to the parenthesis that closes the one just before it. */
    private static String parenthesised(String sql, int start) {
        int depth = 1;
        for (int i = start; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return sql.substring(start, i);
            }
        }
        return sql.substring(start);
    }

    private static List<Path> files(Path root, String suffix) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(path -> path.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
