package org.dossier.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SmallCellsTest {

    /** The cells and sums given to {@link SmallCells}, and the same sums as a reader of the tables sees them. */
    private static final class Tables {
        final SmallCells.Table table = new SmallCells.Table();
        final List<Attacker.Relation> relations = new ArrayList<>();
        final Map<String, Long> truth = new LinkedHashMap<>();

        Tables count(String key, long value) {
            table.count(key, value);
            truth.put(key, value);
            return this;
        }

        Tables sum(String total, String... parts) {
            table.sum(total, List.of(parts));
            relations.add(new Attacker.Relation(total, List.of(parts)));
            return this;
        }

        /** A table with its row totals ({@code name.r.T}), column totals ({@code name.T.c}) and grand total. */
        Tables grid(String name, long[][] inner) {
            int rows = inner.length;
            int columns = inner[0].length;
            long[] columnSums = new long[columns];
            long grand = 0;
            for (int r = 0; r < rows; r++) {
                long rowTotal = 0;
                for (int c = 0; c < columns; c++) {
                    count(name + "." + r + "." + c, inner[r][c]);
                    rowTotal += inner[r][c];
                    columnSums[c] += inner[r][c];
                }
                count(name + "." + r + ".T", rowTotal);
                grand += rowTotal;
            }
            for (int c = 0; c < columns; c++) {
                count(name + ".T." + c, columnSums[c]);
            }
            count(name + ".T.T", grand);
            for (int r = 0; r < rows; r++) {
                String[] parts = new String[columns];
                for (int c = 0; c < columns; c++) {
                    parts[c] = name + "." + r + "." + c;
                }
                sum(name + "." + r + ".T", parts);
            }
            String[] columnTotals = new String[columns];
            for (int c = 0; c < columns; c++) {
                columnTotals[c] = name + ".T." + c;
            }
            sum(name + ".T.T", columnTotals);
            for (int c = 0; c <= columns; c++) {
                String column = c == columns ? "T" : String.valueOf(c);
                String[] parts = new String[rows];
                for (int r = 0; r < rows; r++) {
                    parts[r] = name + "." + r + "." + column;
                }
                sum(name + ".T." + column, parts);
            }
            return this;
        }

        SmallCells.Published suppress() {
            return SmallCells.suppress(table);
        }
    }

    /** Asserts that the reader recovers no count from 1 to 4, by any of its means, and that shown figures are true. */
    private static void assertProtected(Tables tables, SmallCells.Published published) {
        tables.truth.forEach((key, value) -> {
            Figure figure = published.figure(key);
            if (value > 0 && value < 5) {
                assertThat(figure.suppressed()).as("%s = %d is suppressed", key, value).isTrue();
            } else if (!figure.suppressed()) {
                assertThat(figure.value()).as(key).isEqualTo(value);
            }
        });
        for (Attacker.Relation relation : tables.relations) {
            long suppressed = relation.parts().stream().filter(part -> published.figure(part).suppressed()).count()
                    + (published.figure(relation.total()).suppressed() ? 1 : 0);
            assertThat(suppressed).as("suppressed cells in %s", relation).isNotEqualTo(1);
        }
        Map<String, Long> recovered = new Attacker(tables.relations, published.figures()).recovered();
        recovered.forEach((key, value) -> assertThat(value).as("a recovered value is the true one: %s", key)
                .isEqualTo(tables.truth.get(key)));
        assertThat(recovered.keySet()).as("small counts recovered by subtraction or elimination")
                .noneMatch(key -> tables.truth.get(key) > 0 && tables.truth.get(key) < 5);
    }

    @Test
    void counts_from_1_to_4_are_suppressed_and_0_and_5_are_shown() {
        SmallCells.Published published = SmallCells.suppress(new SmallCells.Table()
                .count("zero", 0).count("one", 1).count("four", 4).count("five", 5).count("many", 1234));

        assertThat(published.figure("zero")).isEqualTo(Figure.of(0));
        assertThat(published.figure("one").suppressed()).isTrue();
        assertThat(published.figure("four").suppressed()).isTrue();
        assertThat(published.figure("five")).isEqualTo(Figure.of(5));
        assertThat(published.figure("many")).isEqualTo(Figure.of(1234));
    }

    @Test
    void a_suppressed_figure_holds_no_value() {
        assertThat(Figure.SUPPRESSED.shown()).isEmpty();
        assertThatThrownBy(Figure.SUPPRESSED::value).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_row_with_one_small_cell_loses_its_next_smallest_so_subtracting_from_the_total_fails() {
        Tables tables = new Tables().count("a", 3).count("b", 7).count("c", 20).count("total", 30)
                .sum("total", "a", "b", "c");

        SmallCells.Published published = tables.suppress();

        assertThat(published.figure("a").suppressed()).isTrue();
        assertThat(published.figure("b").suppressed()).as("the next smallest").isTrue();
        assertThat(published.figure("c")).isEqualTo(Figure.of(20));
        assertThat(published.figure("total")).isEqualTo(Figure.of(30));
        assertThat(new Attacker(tables.relations, published.figures()).bySubtraction()).isEmpty();
        assertThat(new Attacker(tables.relations, published.figures()).possibleValues(40).get("a")).contains(3L).hasSizeGreaterThan(1);
        assertProtected(tables, published);
    }

    @Test
    void active_plus_archived_equals_total_and_each_column_adds_up_to_all_services() {
        // Three services; service 1 has 3 archived case files.
        Tables tables = new Tables().grid("files", new long[][] {{40, 12}, {25, 3}, {60, 30}});

        SmallCells.Published published = tables.suppress();

        assertThat(published.figure("files.1.1").suppressed()).isTrue();
        // Its row loses the active count (25 < 28), its column the smallest other archived count (12),
        // and the row of that one its active count (40): four cells, a rectangle no sum can resolve.
        assertThat(published.figures().entrySet().stream().filter(entry -> entry.getValue().suppressed())
                .map(Map.Entry::getKey)).containsExactlyInAnyOrder("files.0.0", "files.0.1", "files.1.0", "files.1.1");
        assertThat(published.figure("files.T.T")).isEqualTo(Figure.of(170));
        assertThat(new Attacker(tables.relations, published.figures()).possibleValues(200).get("files.1.1"))
                .contains(3L).hasSizeGreaterThan(1);
        assertProtected(tables, published);
    }

    @Test
    void subtracting_two_totals_does_not_recover_a_cell() {
        // all = a + b + c and, shown too, the subtotal of the services a and b: all - subtotal = c.
        Tables tables = new Tables().count("a", 9).count("b", 30).count("c", 2).count("all", 41).count("ab", 39)
                .sum("all", "a", "b", "c").sum("ab", "a", "b");

        SmallCells.Published published = tables.suppress();

        assertThat(published.figure("c").suppressed()).isTrue();
        Attacker attacker = new Attacker(tables.relations, published.figures());
        assertThat(attacker.byDifferenceOfTwoRelations()).doesNotContainKey("c");
        assertThat(attacker.possibleValues(60).get("c")).contains(2L).hasSizeGreaterThan(1);
        assertProtected(tables, published);
    }

    @Test
    void two_suppressed_cells_in_every_sum_can_still_give_one_away_and_the_audit_suppresses_more() {
        // x + y = A, y + z = B, x + z = C (and G = A + B + C): once y and z are suppressed, each sum holds
        // two suppressed cells, yet x = (A - B + C) / 2.
        Tables tables = new Tables().count("x", 3).count("y", 10).count("z", 12)
                .count("A", 13).count("B", 22).count("C", 15).count("G", 50)
                .sum("A", "x", "y").sum("B", "y", "z").sum("C", "x", "z").sum("G", "A", "B", "C");

        SmallCells.Published published = tables.suppress();

        assertThat(published.figure("y").suppressed()).isTrue();
        assertThat(published.figure("z").suppressed()).isTrue();
        assertThat(published.figure("A").suppressed()).as("the cheapest figure next to x, by the audit").isTrue();
        assertThat(new Attacker(tables.relations, published.figures()).possibleValues(60).get("x")).contains(3L).hasSizeGreaterThan(1);
        assertProtected(tables, published);
    }

    @Test
    void a_figure_shown_in_two_tables_is_suppressed_in_both() {
        // A service's total is the total of its row in the files table and in a breakdown of the same case files.
        Tables tables = new Tables().grid("files", new long[][] {{40, 2}, {25, 30}})
                .count("housing.0.0", 20).count("housing.0.1", 22).count("housing.1.0", 50).count("housing.1.1", 5)
                .count("housing.T.0", 70).count("housing.T.1", 27)
                .sum("files.0.T", "housing.0.0", "housing.0.1").sum("files.1.T", "housing.1.0", "housing.1.1")
                .sum("housing.T.0", "housing.0.0", "housing.1.0").sum("housing.T.1", "housing.0.1", "housing.1.1")
                .sum("files.T.T", "housing.T.0", "housing.T.1");

        SmallCells.Published published = tables.suppress();

        assertThat(published.figure("files.0.1").suppressed()).isTrue();
        assertProtected(tables, published);
    }

    @Test
    void zero_is_never_suppressed_even_when_it_is_the_cheapest() {
        // b is in one sum only, c in two: by the number of sums b would go first, but a 0 never goes.
        Tables tables = new Tables().count("a", 2).count("b", 0).count("c", 9).count("t", 11).count("u", 20).count("v", 29)
                .sum("t", "a", "b", "c").sum("v", "c", "u");

        SmallCells.Published published = tables.suppress();

        assertThat(published.figure("b")).isEqualTo(Figure.of(0));
        assertThat(published.figures().values()).filteredOn(Figure::suppressed).hasSizeGreaterThan(1);
        assertProtected(tables, published);
    }

    @Test
    void random_linked_tables_never_give_a_small_count_away() {
        Random random = new Random(20250601L);
        int withSmallCells = 0;
        for (int round = 0; round < 300; round++) {
            int services = 2 + random.nextInt(5);
            int columns = 2 + random.nextInt(4);
            long[][] files = new long[services][2];
            long[][] answers = new long[services][columns];
            for (int s = 0; s < services; s++) {
                for (int c = 0; c < columns; c++) {
                    answers[s][c] = count(random);
                }
                long total = java.util.Arrays.stream(answers[s]).sum();
                files[s][0] = random.nextInt((int) total + 1);
                files[s][1] = total - files[s][0];
            }
            Tables tables = new Tables().grid("files", files).grid("answers", answers);
            for (int s = 0; s < services; s++) {
                // The breakdown's row total is the service's total of case files: one figure, two tables.
                tables.sum("files." + s + ".T", "answers." + s + ".T");
            }
            tables.sum("files.T.T", "answers.T.T");
            withSmallCells += tables.truth.values().stream().anyMatch(v -> v > 0 && v < 5) ? 1 : 0;

            assertProtected(tables, tables.suppress());
        }
        assertThat(withSmallCells).as("rounds that had something to protect").isGreaterThan(200);
    }

    @Test
    void small_random_tables_leave_every_small_count_at_least_two_possible_values() {
        Random random = new Random(7L);
        for (int round = 0; round < 40; round++) {
            long[][] inner = new long[2 + random.nextInt(2)][2 + random.nextInt(2)];
            for (long[] row : inner) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = random.nextInt(3) == 0 ? 1 + random.nextInt(4) : random.nextInt(15);
                }
            }
            Tables tables = new Tables().grid("t", inner);
            SmallCells.Published published = tables.suppress();

            Map<String, java.util.Set<Long>> possible = new Attacker(tables.relations, published.figures()).possibleValues(60);
            int seen = round;
            tables.truth.forEach((key, value) -> {
                if (value > 0 && value < 5) {
                    assertThat(possible.get(key)).as("round %d, %s = %d", seen, key, value).contains(value).hasSizeGreaterThan(1);
                }
            });
        }
    }

    @Test
    void a_sum_that_does_not_add_up_or_names_an_unknown_cell_is_refused() {
        SmallCells.Table table = new SmallCells.Table().count("a", 1).count("b", 2).count("t", 4);

        assertThatThrownBy(() -> table.sum("t", List.of("a", "b"))).hasMessageContaining("add up to 3");
        assertThatThrownBy(() -> table.sum("t", List.of("a", "x"))).hasMessageContaining("unknown cell x");
        assertThatThrownBy(() -> table.count("a", 5)).hasMessageContaining("a is 1, not 5");
    }

    /** Many zeros and small counts, as in the breakdowns of small services. */
    private static long count(Random random) {
        int kind = random.nextInt(10);
        if (kind < 2) {
            return 0;
        }
        return kind < 5 ? 1 + random.nextInt(4) : 5 + random.nextInt(40);
    }
}
