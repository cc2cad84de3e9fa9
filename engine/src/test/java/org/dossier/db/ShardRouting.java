package org.dossier.db;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Decides where Vitess would send one SQL statement of the code, given the {@link VSchema}: to one
 * shard, to the unsharded platform keyspace, or everywhere (a scatter).
 *
 * <p>A statement on a sharded table routes to one shard when every occurrence of a sharded table
 * in it (each {@code FROM}, {@code JOIN}, {@code UPDATE}, {@code DELETE} target and subquery) is
 * pinned by an equality of its {@code tenant_id} to a parameter or a literal, directly or through
 * an equality with another occurrence's {@code tenant_id} that is pinned ({@code JOIN ... ON
 * h.tenant_id = r.tenant_id}). Only equalities that always hold count: those reached through
 * {@code AND} alone from a {@code WHERE} or an {@code ON}, never under {@code OR}, {@code NOT} or
 * {@code CASE}. An {@code INSERT} into a sharded table names {@code tenant_id} among its columns.
 * {@code tenant_id IN (...)} is not one shard: it goes to every shard its values hash to.
 *
 * <p>A deliberate platform-wide statement carries {@code /* all tenants *}{@code /} (the marker
 * {@link SqlScanner} already honours) and is reported as a scatter; it must still stay within one
 * keyspace. Joining a sharded table with a
 * table that lives only in the unsharded keyspace is reported too: Vitess would run it as a
 * cross-keyspace join in its gateway, row by row, unless that table is a reference table copied
 * into every shard.
 */
final class ShardRouting {
    /** JDBI's defined attributes ({@code <tenantIds>}) read as a parameter so that the SQL parses. */
    private static final Pattern DEFINED = Pattern.compile("<(\\w+)>");
    private static final Set<String> NOT_TABLES = Set.of("dual", "fragment");

    private final VSchema vschema;
    private final Pattern touchesSharded;

    ShardRouting(VSchema vschema) {
        this.vschema = vschema;
        String names = String.join("|", vschema.sharded().keySet().stream().map(Pattern::quote).toList());
        // After FROM, JOIN, UPDATE, INTO, TRUNCATE, or after the comma of a comma join in a statement.
        this.touchesSharded = Pattern.compile("\\b(?:from|join|update|into|truncate(?:\\s+table)?)\\s+`?(?:" + names
                + ")`?(?![\\w$])|^\\s*(?:select|with|delete|update)\\b[\\s\\S]*\\bfrom\\b[^;]*,\\s*`?(?:" + names + ")`?(?![\\w$(])");
    }

    /**
     * Where a statement on a sharded table goes: one shard; the shards of the services a
     * {@code tenant_id IN (...)} lists (Vitess's {@code IN} route, never all of them); or all
     * shards, said on purpose with the marker.
     */
    enum Route { ONE_SHARD, LISTED_SHARDS, SCATTER_MARKED }

    /** A statement on a sharded table, and where it goes. */
    record Routed(String file, int line, Route route, String sql) {}

    /** A statement that would not route to one shard, and why. */
    record Problem(String file, int line, String why, String sql) {
        @Override
        public String toString() {
            return file + ":" + line + " " + why + ": " + sql.replaceAll("\\s+", " ").trim();
        }
    }

    /** What the check of a module found. */
    record Report(List<Routed> routed, List<Problem> problems) {
        List<Routed> scatters() {
            return routed.stream().filter(statement -> statement.route() == Route.SCATTER_MARKED).toList();
        }
    }

    Report check(List<SqlScanner.Source> sources) {
        List<Routed> routed = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (SqlScanner.Source source : sources) {
            for (SqlScanner.Piece piece : source.pieces()) {
                String lower = piece.sql().toLowerCase(Locale.ROOT);
                if (!touchesSharded.matcher(lower).find()) {
                    continue;
                }
                Verdict verdict = lower.stripLeading().startsWith("create trigger") ? trigger(lower)
                        : verdict(piece.sql(), lower.contains(SqlScanner.ALL_TENANTS));
                if (verdict.problem() == null) {
                    routed.add(new Routed(source.file(), piece.line(), verdict.route(), piece.sql()));
                } else {
                    problems.add(new Problem(source.file(), piece.line(), verdict.problem(), piece.sql()));
                }
            }
        }
        return new Report(routed, problems);
    }

    /**
     * A trigger is created on every shard (schema changes go to all of them) and runs there, on the row
     * of that shard: what it writes stays on the shard when each row it selects, and each row of
     * values it inserts ({@code (tenant_id, …) VALUES (NEW.tenant_id, …)}), takes its tenant_id from
     * the row that fired it.
     */
    static Verdict trigger(String lower) {
        int selects = count(lower, "\\bselect\\s");
        int selectsFromTheRow = count(lower, "\\bselect\\s+(?:new|old)\\.tenant_id\\b");
        int values = count(lower, "\\bvalues\\s*\\(");
        int valuesFromTheRow = count(lower, "\\(\\s*tenant_id\\b[^)]*\\)\\s*values\\s*\\(\\s*(?:new|old)\\.tenant_id\\b");
        return selects + values > 0 && selects == selectsFromTheRow && values == valuesFromTheRow
                ? new Verdict(Route.ONE_SHARD, null)
                : new Verdict(null, "a trigger must write the tenant_id of the row that fired it (NEW.tenant_id or OLD.tenant_id)");
    }

    private static int count(String text, String regex) {
        return (int) Pattern.compile(regex).matcher(text).results().count();
    }

    /** Where a statement goes, or (problem not null) why it would not go to one shard. */
    record Verdict(Route route, String problem) {}

    Verdict verdict(String sql) {
        return verdict(sql, false);
    }

    /**
     * With {@code marked}, the statement may go to every shard, but it must still stay within one
     * keyspace: the marker says "all services", not "two keyspaces".
     */
    Verdict verdict(String sql, boolean marked) {
        Statement statement;
        try {
            statement = CCJSqlParserUtil.parse(normalized(sql));
        } catch (JSQLParserException e) {
            return new Verdict(null, "cannot be parsed (" + firstLine(e) + ")");
        }
        StatementWalk walk = new StatementWalk(vschema);
        walk.run(statement);
        List<String> problems = new ArrayList<>();
        if (statement instanceof Insert insert && vschema.sharded().containsKey(name(insert.getTable()))) {
            String column = vschema.sharded().get(name(insert.getTable()));
            if (insert.getColumns() == null || insert.getColumns().stream()
                    .noneMatch(named -> named.getColumnName().replace("`", "").equalsIgnoreCase(column))) {
                problems.add("inserts into " + name(insert.getTable()) + " without naming " + column);
            }
        }
        Set<StatementWalk.Occurrence> sharded = new LinkedHashSet<>();
        for (StatementWalk.Occurrence occurrence : walk.occurrences) {
            if (walk.withNames.contains(occurrence.table()) || NOT_TABLES.contains(occurrence.table())) {
                continue;
            }
            if (vschema.sharded().containsKey(occurrence.table())) {
                if (!occurrence.target()) {
                    sharded.add(occurrence);
                }
            } else if (!vschema.unsharded().contains(occurrence.table()) && !vschema.reference().containsKey(occurrence.table())) {
                problems.add("uses " + occurrence.table() + ", which the VSchema does not name");
            }
        }
        if (!sharded.isEmpty()) {
            walk.occurrences.stream().map(StatementWalk.Occurrence::table).filter(vschema::isPlatformOnly).distinct().forEach(table ->
                    problems.add("joins a sharded table with " + table + ", which is in no shard (not a reference table)"));
            writtenTable(statement).filter(table -> !vschema.sharded().containsKey(table)).ifPresent(table ->
                    problems.add("writes " + table + ", kept in the unsharded keyspace, from a sharded table's rows"));
        }
        boolean listed = false;
        Set<StatementWalk.Occurrence> pinned = walk.pinned();
        for (StatementWalk.Occurrence occurrence : sharded) {
            if (walk.inLists.contains(occurrence) && !pinned.contains(occurrence)) {
                listed = true;
            } else if (!pinned.contains(occurrence)) {
                problems.add(occurrence.table() + " is not pinned to one " + vschema.sharded().get(occurrence.table()));
            }
        }
        if (marked) {
            problems.removeIf(problem -> problem.contains(" is not pinned to one "));
        }
        if (!problems.isEmpty()) {
            return new Verdict(null, String.join("; ", new LinkedHashSet<>(problems)));
        }
        return new Verdict(marked ? Route.SCATTER_MARKED : listed ? Route.LISTED_SHARDS : Route.ONE_SHARD, null);
    }

    private static Optional<String> writtenTable(Statement statement) {
        if (statement instanceof Update update) {
            return Optional.of(name(update.getTable()));
        } else if (statement instanceof Delete delete && delete.getTable() != null) {
            return Optional.of(name(delete.getTable()));
        } else if (statement instanceof Insert insert) {
            return Optional.of(name(insert.getTable()));
        }
        return Optional.empty();
    }

    /**
     * The SQL as JSqlParser can read it: JDBI's {@code <list>} and {@code :name} as named parameters
     * (prefixed, since a name may be a keyword: {@code :check}); comments dropped; what Java code inserts between
     * literals ({@code " ... "} from {@link JavaLiterals}, {@code %s} of a format) as a column
     * where a column fits, else dropped; MariaDB's {@code LOCK IN SHARE MODE} as {@code FOR
     * UPDATE}, which routes alike; and a fragment ({@code FROM ...}, {@code JOIN ...},
     * {@code EXISTS (...)}) completed into a statement of its own, over a table named
     * {@code fragment} that stands for the rest of the query. MySQL's {@code JSON_TABLE(...)}, which
     * JSqlParser does not know, reads the row beside it and no table: it becomes a derived table.
     */
    static String normalized(String sql) {
        String text = withoutJsonTables(DEFINED.matcher(sql.strip()).replaceAll(":$1")).replaceAll("(?s)/\\*.*?\\*/", " ");
        text = text.replaceAll("(?<![:\\w]):(\\w+)", ":p_$1").replace("%s", " ... ");
        text = text.replaceAll("(?i)\\bLOCK\\s+IN\\s+SHARE\\s+MODE\\b", "FOR UPDATE");
        text = text.replaceAll("(?i)^EXPLAIN\\s+", "");
        text = text.replaceAll("(?i)(\\bselect|\\bby|,|\\(|\\bor|\\band)\\s*\\.\\.\\.", "$1 elided");
        text = text.replaceAll("\\.\\.\\.\\s*(?=[,)])", "elided ").replace("...", " ").replaceAll("\\s+", " ").strip();
        if (text.regionMatches(true, 0, "elided from", 0, 11)) {
            text = text.substring("elided".length()).strip();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("from ")) {
            return "SELECT * " + text;
        } else if (lower.matches("^(?:left |right |inner |cross )?join\\b[\\s\\S]*")) {
            return "SELECT * FROM fragment " + text;
        } else if (lower.matches("^(?:not\\s+)?exists\\b[\\s\\S]*")) {
            return "SELECT " + text;
        }
        return text;
    }

    private static String withoutJsonTables(String sql) {
        Matcher call = Pattern.compile("(?i)\\bJSON_TABLE\\s*\\(").matcher(sql);
        if (!call.find()) {
            return sql;
        }
        int depth = 1;
        int end = call.end();
        while (end < sql.length() && depth > 0) {
            char c = sql.charAt(end++);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        }
        return sql.substring(0, call.start()) + "(SELECT 1 AS json_value)" + withoutJsonTables(sql.substring(end));
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        return message.lines().findFirst().orElse("").strip();
    }

    static String name(Table table) {
        return table.getName().replace("`", "").toLowerCase(Locale.ROOT);
    }

}
