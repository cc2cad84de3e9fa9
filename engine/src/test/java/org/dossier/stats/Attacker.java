package org.dossier.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A reader of published tables trying to recover the suppressed counts from the figures shown and
 * the sums the tables display. Written apart from the production audit, in floating point and by
 * enumeration, so that a flaw in one is not copied into the other.
 *
 * <p>It knows the relations from the layout of the tables it reads (a row and its total, a column
 * and its total, the same figure in two tables), not from the code that suppressed them.
 */
final class Attacker {
    record Relation(String total, List<String> parts) {}

    /** {@code sum of coefficient * unknown = constant}. */
    private record Equation(Map<String, Integer> coefficients, long constant) {}

    private final List<Relation> relations;
    private final Map<String, Figure> published;

    Attacker(List<Relation> relations, Map<String, Figure> published) {
        this.relations = List.copyOf(relations);
        this.published = published;
    }

    /** Every value the attacker pins down, by any of its methods. */
    Map<String, Long> recovered() {
        Map<String, Long> found = new LinkedHashMap<>(bySubtraction());
        found.putAll(byDifferenceOfTwoRelations());
        found.putAll(byElimination());
        return found;
    }

    /** Subtracts the shown cells of a relation from its total, again and again with what it learnt. */
    Map<String, Long> bySubtraction() {
        Map<String, Long> known = new HashMap<>();
        published.forEach((key, figure) -> figure.shown().ifPresent(value -> known.put(key, value)));
        Map<String, Long> found = new LinkedHashMap<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Relation relation : relations) {
                List<String> cells = cells(relation);
                List<String> unknown = cells.stream().filter(cell -> !known.containsKey(cell)).toList();
                if (unknown.size() != 1) {
                    continue;
                }
                String cell = unknown.get(0);
                long parts = relation.parts().stream().filter(known::containsKey).mapToLong(known::get).sum();
                long value = cell.equals(relation.total()) ? parts : known.get(relation.total()) - parts;
                known.put(cell, value);
                found.put(cell, value);
                progress = true;
            }
        }
        return found;
    }

    /** Subtracts (and adds) every two relations, as with two overlapping totals, looking for one unknown left. */
    Map<String, Long> byDifferenceOfTwoRelations() {
        List<Equation> equations = equations();
        Map<String, Long> found = new LinkedHashMap<>();
        for (int i = 0; i < equations.size(); i++) {
            for (int j = i + 1; j < equations.size(); j++) {
                for (int sign : new int[] {-1, 1}) {
                    Map<String, Integer> combined = new HashMap<>(equations.get(i).coefficients());
                    equations.get(j).coefficients().forEach((cell, c) -> combined.merge(cell, sign * c, Integer::sum));
                    combined.values().removeIf(c -> c == 0);
                    long constant = equations.get(i).constant() + sign * equations.get(j).constant();
                    if (combined.size() == 1) {
                        Map.Entry<String, Integer> only = combined.entrySet().iterator().next();
                        if (constant % only.getValue() == 0) {
                            found.put(only.getKey(), constant / only.getValue());
                        }
                    }
                }
            }
        }
        return found;
    }

    /** Gauss-Jordan elimination in doubles over every equation at once. */
    Map<String, Long> byElimination() {
        List<Equation> equations = equations();
        List<String> unknowns = unknowns();
        int columns = unknowns.size();
        double[][] matrix = new double[equations.size()][columns + 1];
        for (int row = 0; row < equations.size(); row++) {
            for (Map.Entry<String, Integer> entry : equations.get(row).coefficients().entrySet()) {
                matrix[row][unknowns.indexOf(entry.getKey())] = entry.getValue();
            }
            matrix[row][columns] = equations.get(row).constant();
        }
        int[] pivotColumnOfRow = new int[equations.size()];
        java.util.Arrays.fill(pivotColumnOfRow, -1);
        int rank = 0;
        for (int column = 0; column < columns && rank < matrix.length; column++) {
            int best = rank;
            for (int row = rank; row < matrix.length; row++) {
                if (Math.abs(matrix[row][column]) > Math.abs(matrix[best][column])) {
                    best = row;
                }
            }
            if (Math.abs(matrix[best][column]) < 1e-9) {
                continue;
            }
            double[] swap = matrix[rank];
            matrix[rank] = matrix[best];
            matrix[best] = swap;
            double pivot = matrix[rank][column];
            for (int k = 0; k <= columns; k++) {
                matrix[rank][k] /= pivot;
            }
            for (int row = 0; row < matrix.length; row++) {
                if (row != rank && Math.abs(matrix[row][column]) > 1e-12) {
                    double factor = matrix[row][column];
                    for (int k = 0; k <= columns; k++) {
                        matrix[row][k] -= factor * matrix[rank][k];
                    }
                }
            }
            pivotColumnOfRow[rank] = column;
            rank++;
        }
        Map<String, Long> found = new LinkedHashMap<>();
        for (int row = 0; row < rank; row++) {
            int nonZero = 0;
            for (int k = 0; k < columns; k++) {
                nonZero += Math.abs(matrix[row][k]) > 1e-9 ? 1 : 0;
            }
            if (nonZero == 1) {
                found.put(unknowns.get(pivotColumnOfRow[row]), Math.round(matrix[row][columns]));
            }
        }
        return found;
    }

    /**
     * Every value each suppressed cell can take, over the non-negative integer solutions up to
     * {@code bound}, found by enumeration (with forced values propagated). For small tables only.
     */
    Map<String, Set<Long>> possibleValues(long bound) {
        List<String> unknowns = unknowns();
        List<Equation> equations = equations();
        Map<String, Set<Long>> possible = new LinkedHashMap<>();
        unknowns.forEach(cell -> possible.put(cell, new TreeSet<>()));
        long[] nodes = {0};
        search(unknowns, equations, new HashMap<>(), bound, possible, nodes);
        return possible;
    }

    private void search(List<String> unknowns, List<Equation> equations, Map<String, Long> assigned, long bound,
                        Map<String, Set<Long>> possible, long[] nodes) {
        if (++nodes[0] > 5_000_000) {
            throw new IllegalStateException("table too large to enumerate");
        }
        Map<String, Long> values = new HashMap<>(assigned);
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Equation equation : equations) {
                long rest = equation.constant();
                String free = null;
                int freeCount = 0;
                for (Map.Entry<String, Integer> entry : equation.coefficients().entrySet()) {
                    Long value = values.get(entry.getKey());
                    if (value == null) {
                        free = entry.getKey();
                        freeCount++;
                    } else {
                        rest -= entry.getValue() * value;
                    }
                }
                if (freeCount == 0 && rest != 0) {
                    return;
                }
                if (freeCount == 1) {
                    int coefficient = equation.coefficients().get(free);
                    if (rest % coefficient != 0 || rest / coefficient < 0 || rest / coefficient > bound) {
                        return;
                    }
                    values.put(free, rest / coefficient);
                    progress = true;
                }
            }
        }
        String next = unknowns.stream().filter(cell -> !values.containsKey(cell)).findFirst().orElse(null);
        if (next == null) {
            values.forEach((cell, value) -> possible.get(cell).add(value));
            return;
        }
        for (long value = 0; value <= bound; value++) {
            values.put(next, value);
            search(unknowns, equations, values, bound, possible, nodes);
        }
    }

    private List<Equation> equations() {
        List<Equation> equations = new ArrayList<>();
        for (Relation relation : relations) {
            Map<String, Integer> coefficients = new LinkedHashMap<>();
            long constant = 0;
            for (String part : relation.parts()) {
                if (published.get(part).suppressed()) {
                    coefficients.merge(part, 1, Integer::sum);
                } else {
                    constant -= published.get(part).value();
                }
            }
            if (published.get(relation.total()).suppressed()) {
                coefficients.merge(relation.total(), -1, Integer::sum);
            } else {
                constant += published.get(relation.total()).value();
            }
            if (!coefficients.isEmpty()) {
                equations.add(new Equation(coefficients, constant));
            }
        }
        return equations;
    }

    private List<String> unknowns() {
        Set<String> unknowns = new LinkedHashSet<>();
        for (Relation relation : relations) {
            cells(relation).stream().filter(cell -> published.get(cell).suppressed()).forEach(unknowns::add);
        }
        return new ArrayList<>(unknowns);
    }

    private static List<String> cells(Relation relation) {
        List<String> cells = new ArrayList<>(relation.parts());
        cells.add(relation.total());
        return cells;
    }
}
