package org.dossier.stats;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the suppressed cells whose value follows from the published ones, however the relations
 * are combined. Each relation {@code total = parts} is a linear equation; with the shown cells
 * moved to the constant side, it is an equation in the suppressed cells only. A suppressed cell is
 * exposed when its unit vector lies in the row space of that system, which the reduced row echelon
 * form tells: its column is a pivot and the pivot's row holds nothing else.
 *
 * <p>Exact arithmetic on integers (rows scaled by their gcd), sparse rows: the systems are a few
 * hundred equations at most, each with a handful of unknowns.
 */
final class LinearAudit {
    private LinearAudit() {}

    /** The cells that are suppressed, {@code watched}, and determined by the relations; in cell order. */
    static List<Integer> determined(List<int[]> sums, boolean[] hidden, boolean[] watched) {
        List<TreeMap<Integer, BigInteger>> basis = new ArrayList<>();
        List<Integer> pivotColumns = new ArrayList<>();
        Map<Integer, Integer> pivotRow = new HashMap<>();
        for (int[] sum : sums) {
            TreeMap<Integer, BigInteger> row = equation(sum, hidden);
            for (Integer column : new ArrayList<>(row.keySet())) {
                Integer pivot = pivotRow.get(column);
                if (pivot != null && row.containsKey(column)) {
                    // A pivot row has zeros in every other pivot column: eliminating adds none back.
                    row = eliminate(row, basis.get(pivot), column);
                }
            }
            if (row.isEmpty()) {
                continue;
            }
            int column = row.firstKey();
            normalise(row, column);
            for (int i = 0; i < basis.size(); i++) {
                if (basis.get(i).containsKey(column)) {
                    TreeMap<Integer, BigInteger> reduced = eliminate(basis.get(i), row, column);
                    normalise(reduced, pivotColumns.get(i));
                    basis.set(i, reduced);
                }
            }
            pivotRow.put(column, basis.size());
            pivotColumns.add(column);
            basis.add(row);
        }
        List<Integer> determined = new ArrayList<>();
        for (int cell = 0; cell < hidden.length; cell++) {
            Integer pivot = pivotRow.get(cell);
            if (hidden[cell] && watched[cell] && pivot != null && basis.get(pivot).size() == 1) {
                determined.add(cell);
            }
        }
        return determined;
    }

    /** {@code parts - total}, restricted to suppressed cells. */
    private static TreeMap<Integer, BigInteger> equation(int[] sum, boolean[] hidden) {
        TreeMap<Integer, BigInteger> row = new TreeMap<>();
        for (int i = 0; i < sum.length; i++) {
            if (hidden[sum[i]]) {
                row.merge(sum[i], i == 0 ? BigInteger.ONE.negate() : BigInteger.ONE, BigInteger::add);
            }
        }
        row.values().removeIf(coefficient -> coefficient.signum() == 0);
        return row;
    }

    /** {@code row * pivot[column] - pivot * row[column]}: no {@code column} left in the result. */
    private static TreeMap<Integer, BigInteger> eliminate(TreeMap<Integer, BigInteger> row, TreeMap<Integer, BigInteger> pivot,
                                                          int column) {
        BigInteger rowFactor = pivot.get(column);
        BigInteger pivotFactor = row.get(column);
        TreeMap<Integer, BigInteger> result = new TreeMap<>();
        row.forEach((key, value) -> result.put(key, value.multiply(rowFactor)));
        pivot.forEach((key, value) -> result.merge(key, value.multiply(pivotFactor).negate(), BigInteger::add));
        result.values().removeIf(coefficient -> coefficient.signum() == 0);
        return result;
    }

    /** Divides by the gcd of the coefficients and makes the pivot positive, so numbers stay small. */
    private static void normalise(TreeMap<Integer, BigInteger> row, int pivotColumn) {
        BigInteger gcd = BigInteger.ZERO;
        for (BigInteger value : row.values()) {
            gcd = gcd.gcd(value);
        }
        BigInteger divisor = row.get(pivotColumn).signum() < 0 ? gcd.negate() : gcd;
        row.replaceAll((key, value) -> value.divide(divisor));
    }
}
