package org.dossier.stats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Small-cell suppression of tables of counts of persons, so that no published figure singles
 * anyone out.
 *
 * <ol>
 *   <li><b>Primary.</b> A count from 1 to 4 is suppressed. 0 is shown: it names nobody, and
 *       suppressing it would only hide that a category is empty, which the form already tells.
 *       This is the usual practice of statistical offices (threshold 5, zeros published).</li>
 *   <li><b>Secondary.</b> A reader can subtract: in {@code total = a + b + c} with only {@code a}
 *       suppressed, {@code a = total - b - c}. So every relation shown (a row and its total, a
 *       column and its total, a service and all services, active + archived = total, months and
 *       their sum, the same figure in two tables) must hold either no suppressed cell or at least
 *       two. The cheapest shown cell of a relation with exactly one is suppressed too: the one in
 *       the fewest relations (an inner cell before a total, a figure of one table before one shown
 *       in several), then the smallest; until stable. A 0 is never suppressed: a reader who guessed
 *       it would pin the cells beside it by non-negativity alone, which no linear audit sees.</li>
 *   <li><b>Audit.</b> Two suppressed cells per relation is not always enough: relations can be
 *       combined (subtracting one total from another, chains through several tables). The figures
 *       shown fix a system of linear equations in the suppressed cells; a cell whose value that
 *       system determines is exposed ({@link LinearAudit}). While a primary cell is exposed, one
 *       more cell next to it is suppressed, and step 2 runs again.</li>
 * </ol>
 *
 * Every suppressed cell looks the same to the reader, primary or secondary: if secondary cells
 * were marked apart, a reader would know they are 0 or at least 5, and in {@code a + s = 6} that
 * alone gives {@code s = 5, a = 1}. Each suppressed primary cell keeps at least two possible
 * values: every suppressed cell is positive, so a solution of the system can move a little along
 * any direction that changes the cell without making a count negative.
 *
 * <p>Pure and deterministic: the same table, declared in the same order, gives the same suppression.
 */
public final class SmallCells {
    /** Counts below this (and above 0) are suppressed. */
    public static final long THRESHOLD = 5;

    private SmallCells() {}

    /**
     * Named counts and the additive relations between them that the published tables show. A
     * figure shown twice (a service's total in two tables) is one cell, named once.
     */
    public static final class Table {
        private final Map<String, Integer> index = new HashMap<>();
        private final List<String> keys = new ArrayList<>();
        private final List<Long> values = new ArrayList<>();
        private final List<int[]> sums = new ArrayList<>();

        /** Adds a cell; naming it again is allowed with the same count only. */
        public Table count(String key, long value) {
            if (value < 0) {
                throw new IllegalArgumentException("negative count for " + key);
            }
            Integer known = index.get(key);
            if (known != null) {
                if (values.get(known) != value) {
                    throw new IllegalArgumentException(key + " is " + values.get(known) + ", not " + value);
                }
                return this;
            }
            index.put(key, keys.size());
            keys.add(key);
            values.add(value);
            return this;
        }

        /** Declares {@code total = sum of parts}, as a reader of the tables can see it. */
        public Table sum(String total, Collection<String> parts) {
            Set<String> distinct = new LinkedHashSet<>(parts);
            if (distinct.size() != parts.size() || distinct.contains(total) || distinct.isEmpty()) {
                throw new IllegalArgumentException("a sum needs distinct parts other than its total: " + total + " = " + parts);
            }
            int[] relation = new int[distinct.size() + 1];
            relation[0] = require(total);
            long sum = 0;
            int i = 1;
            for (String part : distinct) {
                relation[i++] = require(part);
                sum += values.get(index.get(part));
            }
            if (sum != values.get(relation[0])) {
                throw new IllegalArgumentException(total + " is " + values.get(relation[0]) + " but its parts add up to " + sum);
            }
            sums.add(relation);
            return this;
        }

        public boolean has(String key) {
            return index.containsKey(key);
        }

        private int require(String key) {
            Integer position = index.get(key);
            if (position == null) {
                throw new IllegalArgumentException("unknown cell " + key);
            }
            return position;
        }
    }

    /** The figures to publish, by cell name; a suppressed one holds no value. */
    public record Published(Map<String, Figure> figures) {
        public Figure figure(String key) {
            Figure figure = figures.get(key);
            if (figure == null) {
                throw new IllegalArgumentException("unknown cell " + key);
            }
            return figure;
        }
    }

    public static Published suppress(Table table) {
        int size = table.keys.size();
        long[] values = new long[size];
        boolean[] primary = new boolean[size];
        boolean[] hidden = new boolean[size];
        int[] degree = new int[size];
        for (int i = 0; i < size; i++) {
            values[i] = table.values.get(i);
            primary[i] = values[i] > 0 && values[i] < THRESHOLD;
            hidden[i] = primary[i];
        }
        for (int[] sum : table.sums) {
            for (int cell : sum) {
                degree[cell]++;
            }
        }
        // Cheapest to give up first: the cell in the fewest sums, since each sum it is in may need one
        // more cell suppressed (an inner cell before a total, a figure of one table before one shown in
        // several); then the smallest; then the first declared.
        Comparator<Integer> cost = Comparator.<Integer>comparingInt(i -> degree[i])
                .thenComparingLong(i -> values[i])
                .thenComparingInt(i -> i);
        while (true) {
            if (closeSingleGaps(table.sums, values, hidden, cost)) {
                continue;
            }
            List<Integer> exposed = LinearAudit.determined(table.sums, hidden, primary);
            if (exposed.isEmpty()) {
                break;
            }
            hidden[cheapestAround(exposed.get(0), table.sums, values, hidden, cost)] = true;
        }
        Map<String, Figure> figures = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            figures.put(table.keys.get(i), hidden[i] ? Figure.SUPPRESSED : Figure.of(values[i]));
        }
        return new Published(java.util.Collections.unmodifiableMap(figures));
    }

    /** Step 2: in each relation with exactly one suppressed cell, suppresses its cheapest shown cell. */
    private static boolean closeSingleGaps(List<int[]> sums, long[] values, boolean[] hidden, Comparator<Integer> cost) {
        boolean changed = false;
        for (int[] sum : sums) {
            int suppressed = 0;
            Integer cheapest = null;
            for (int cell : sum) {
                if (hidden[cell]) {
                    suppressed++;
                } else if (values[cell] > 0 && (cheapest == null || cost.compare(cell, cheapest) < 0)) {
                    cheapest = cell;
                }
            }
            if (suppressed == 1) {
                // The suppressed cell is positive, so the others cannot all be 0: a candidate exists.
                hidden[Objects.requireNonNull(cheapest, "no non-zero cell beside a suppressed one")] = true;
                changed = true;
            }
        }
        return changed;
    }

    /**
     * The cheapest shown cell of the relations holding {@code cell}; failing that, of the relations
     * reached from it through suppressed cells, which are the ones that pin it.
     */
    private static int cheapestAround(int cell, List<int[]> sums, long[] values, boolean[] hidden, Comparator<Integer> cost) {
        Set<Integer> reached = new LinkedHashSet<>(List.of(cell));
        List<Integer> frontier = List.of(cell);
        while (!frontier.isEmpty()) {
            Integer cheapest = null;
            List<Integer> next = new ArrayList<>();
            for (int[] sum : sums) {
                if (!contains(sum, frontier)) {
                    continue;
                }
                for (int other : sum) {
                    if (!hidden[other] && values[other] > 0) {
                        cheapest = cheapest == null || cost.compare(other, cheapest) < 0 ? other : cheapest;
                    } else if (hidden[other] && reached.add(other)) {
                        next.add(other);
                    }
                }
            }
            if (cheapest != null) {
                return cheapest;
            }
            frontier = next;
        }
        // Unreachable: with every non-zero cell around it suppressed, the cell's equations have only
        // zeros for constants, and such a system cannot pin a positive cell.
        throw new IllegalStateException("no shown cell left around an exposed one");
    }

    private static boolean contains(int[] sum, List<Integer> cells) {
        for (int cell : sum) {
            if (cells.contains(cell)) {
                return true;
            }
        }
        return false;
    }

}
