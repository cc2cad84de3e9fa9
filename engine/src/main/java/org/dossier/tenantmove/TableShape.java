package org.dossier.tenantmove;

import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;

/**
 * The stored columns of a table as the database describes them (generated columns left out: the
 * database computes them again; MySQL's {@code DEFAULT_GENERATED}, a default, is kept), so that a table a later migration adds or alters is carried
 * without editing this package.
 */
record TableShape(String table, List<Column> columns) {

    /** One column and how its values travel in the archive. */
    record Column(String name, ColumnKind kind) {}

    /** Every table of the schema with a {@code tenant_id} column, by name. */
    /**
     * Tenant-scoped tables a move does not carry: an import run's bookkeeping (its ledger and
     * errors) belongs to the installation that ran it, beside its uploaded file under that
     * installation's data directory, which no archive holds. What the run did travels: its case
     * files, their external ids (so a re-run in the target still never duplicates) and its
     * {@code records.imported} audit event. Nor are the statistics' counts, derived from the case
     * files: the triggers on {@code records} count them again as they load.
     */
    static final java.util.Set<String> NOT_CARRIED = java.util.Set.of("import_runs", "import_rows", "import_errors",
            "statistics_counts", "statistics_deltas");

    /** The tenant-scoped tables an archive holds: every one but {@link #NOT_CARRIED}. */
    static List<String> carriedTables(Handle handle) {
        return tenantScopedTables(handle).stream().filter(table -> !NOT_CARRIED.contains(table)).toList();
    }

    static List<String> tenantScopedTables(Handle handle) {
        return handle.createQuery("""
                        SELECT table_name FROM information_schema.columns
                         WHERE table_schema = DATABASE() AND column_name = 'tenant_id'
                         ORDER BY table_name
                        """).mapTo(String.class).list();
    }

    static TableShape of(Handle handle, String table) {
        List<Column> columns = handle.createQuery("""
                        SELECT column_name, data_type FROM information_schema.columns
                         WHERE table_schema = DATABASE() AND table_name = :table
                           AND COALESCE(generation_expression, '') = ''
                           AND extra NOT LIKE '%VIRTUAL GENERATED%' AND extra NOT LIKE '%STORED GENERATED%'
                         ORDER BY ordinal_position
                        """).bind("table", table)
                .map((rs, ctx) -> new Column(rs.getString(1), ColumnKind.of(table, rs.getString(1),
                        rs.getString(2).toLowerCase(Locale.ROOT))))
                .list();
        if (columns.isEmpty()) {
            throw new IllegalStateException("no table " + table + " in this database");
        }
        return new TableShape(table, columns);
    }

    String columnList() {
        return String.join(", ", columns.stream().map(column -> "`" + column.name() + "`").toList());
    }

    boolean has(String column) {
        return columns.stream().anyMatch(c -> c.name().equals(column));
    }
}
