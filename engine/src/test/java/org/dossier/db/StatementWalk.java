package org.dossier.db;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.conditional.XorExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * Walks one parsed statement, subqueries included, for what {@link ShardRouting} decides on: the
 * tables it names (by query block, with their aliases) and the equalities on vindex columns that
 * always hold there.
 */
final class StatementWalk extends TablesNamesFinder<Void> {
    /** One table named in a statement, in a query block; {@code target} for an INSERT's table. */
    record Occurrence(int id, int block, String table, String alias, boolean target) {}

    private final Set<String> vindexColumns;
    private final VSchema vschema;
    final List<Occurrence> occurrences = new ArrayList<>();
    final Set<String> withNames = new HashSet<>();
    final Set<Occurrence> inLists = new HashSet<>();
    /** {@code a.tenant_id = b.tenant_id}: both sides, in the block where it stands. */
    private final List<Link> links = new ArrayList<>();
    /** {@code a.tenant_id = :tenantId}, and {@code a.tenant_id IN (...)}. */
    private final List<Side> pins = new ArrayList<>();
    private final List<Side> ins = new ArrayList<>();
    private final Deque<Integer> blocks = new ArrayDeque<>();
    private int nextBlock;
    private int conditional;
    private Table insertTarget;

    /** One side of an equality: the block, the table's alias or name ("" unqualified), the column. */
    private record Side(int block, String qualifier, String column) {}

    private record Link(Side left, Side right) {}

    StatementWalk(VSchema vschema) {
        this.vschema = vschema;
        this.vindexColumns = new HashSet<>(vschema.sharded().values());
        init(true);
    }

    void run(Statement statement) {
        if (statement instanceof Insert insert) {
            insertTarget = insert.getTable();
        }
        blocks.push(nextBlock++);
        statement.accept(this, null);
    }

    @Override
    public <S> Void visit(Table table, S context) {
        String alias = table.getAlias() == null ? null : table.getAlias().getName().toLowerCase(Locale.ROOT);
        occurrences.add(new Occurrence(occurrences.size(), blocks.peek(), ShardRouting.name(table), alias, table == insertTarget));
        return super.visit(table, context);
    }

    /** A column's qualifier is not a table read: {@code r.id} names the {@code r} of a FROM. */
    @Override
    public <S> Void visit(Column column, S context) {
        return null;
    }

    @Override
    public <S> Void visit(WithItem<?> withItem, S context) {
        withNames.add(withItem.getAliasName().toLowerCase(Locale.ROOT));
        return super.visit(withItem, context);
    }

    @Override
    public <S> Void visit(PlainSelect select, S context) {
        return inBlock(() -> super.visit(select, context));
    }

    @Override
    public <S> Void visit(Update update, S context) {
        return inBlock(() -> super.visit(update, context));
    }

    @Override
    public <S> Void visit(Delete delete, S context) {
        return inBlock(() -> super.visit(delete, context));
    }

    @Override
    public <S> Void visit(OrExpression expression, S context) {
        return conditionally(() -> super.visit(expression, context));
    }

    @Override
    public <S> Void visit(XorExpression expression, S context) {
        return conditionally(() -> super.visit(expression, context));
    }

    @Override
    public <S> Void visit(NotExpression expression, S context) {
        return conditionally(() -> super.visit(expression, context));
    }

    @Override
    public <S> Void visit(CaseExpression expression, S context) {
        return conditionally(() -> super.visit(expression, context));
    }

    @Override
    public <S> Void visit(EqualsTo equals, S context) {
        if (conditional == 0) {
            record(equals.getLeftExpression(), equals.getRightExpression());
            record(equals.getRightExpression(), equals.getLeftExpression());
        }
        return super.visit(equals, context);
    }

    @Override
    public <S> Void visit(InExpression in, S context) {
        Side side = side(in.getLeftExpression());
        if (conditional == 0 && !in.isNot() && side != null) {
            ins.add(side);
        }
        return super.visit(in, context);
    }

    private void record(Expression column, Expression value) {
        Side side = side(column);
        if (side == null) {
            return;
        }
        Side other = side(value);
        if (other != null) {
            links.add(new Link(side, other));
        } else if (value instanceof JdbcNamedParameter || value instanceof JdbcParameter
                || value instanceof LongValue || value instanceof StringValue) {
            pins.add(side);
        }
    }

    /** A vindex column ({@code tenant_id}) as one side of a condition, or null for anything else. */
    private Side side(Expression expression) {
        if (expression instanceof Column column) {
            String name = column.getColumnName().replace("`", "").toLowerCase(Locale.ROOT);
            if (vindexColumns.contains(name)) {
                String qualifier = column.getTable() == null || column.getTable().getName() == null ? ""
                        : column.getTable().getName().replace("`", "").toLowerCase(Locale.ROOT);
                return new Side(blocks.peek(), qualifier, name);
            }
        }
        return null;
    }

    /** The occurrences pinned to one value of their vindex column, directly or through links. */
    Set<Occurrence> pinned() {
        Set<Occurrence> pinned = new HashSet<>();
        pins.forEach(pin -> pinned.addAll(resolve(pin)));
        ins.forEach(in -> inLists.addAll(resolve(in)));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Link link : links) {
                Set<Occurrence> left = resolve(link.left());
                Set<Occurrence> right = resolve(link.right());
                if (!left.isEmpty() && !right.isEmpty()) {
                    if (pinned.containsAll(left)) {
                        grew |= pinned.addAll(right);
                    }
                    if (pinned.containsAll(right)) {
                        grew |= pinned.addAll(left);
                    }
                }
            }
        }
        return pinned;
    }

    /**
     * The sharded occurrences a side names, when the column is their vindex column: unqualified,
     * the tables of its block (SQL refuses an ambiguous column); qualified, the table of that alias
     * or name in its block, else anywhere in the statement (a correlated subquery's outer table).
     */
    private Set<Occurrence> resolve(Side side) {
        Set<Occurrence> found = new HashSet<>();
        for (boolean sameBlock : new boolean[] {true, false}) {
            for (Occurrence occurrence : occurrences) {
                boolean named = side.qualifier().isEmpty() ? sameBlock
                        : side.qualifier().equals(occurrence.alias)
                                || (occurrence.alias == null && side.qualifier().equals(occurrence.table));
                if (named && (!sameBlock || occurrence.block == side.block())
                        && side.column().equals(vschema.sharded().get(occurrence.table))) {
                    found.add(occurrence);
                }
            }
            if (!found.isEmpty()) {
                return found;
            }
        }
        return found;
    }

    /** A subquery is a block of its own: its conditions hold within it, whatever surrounds it. */
    private Void inBlock(Supplier<Void> visit) {
        blocks.push(nextBlock++);
        int outer = conditional;
        conditional = 0;
        try {
            return visit.get();
        } finally {
            conditional = outer;
            blocks.pop();
        }
    }

    private Void conditionally(Supplier<Void> visit) {
        conditional++;
        try {
            return visit.get();
        } finally {
            conditional--;
        }
    }
}
