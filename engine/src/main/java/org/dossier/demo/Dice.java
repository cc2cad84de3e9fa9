package org.dossier.demo;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The single source of randomness of the demo data, so that one seed reproduces everything. */
final class Dice {
    private final Random random;

    Dice(long seed) {
        this.random = new Random(seed);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** A whole number between {@code min} and {@code max}, both included. */
    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Picks {@code values[i]} with a probability proportional to {@code weights[i]}. */
    <T> T weighted(List<T> values, int... weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int draw = random.nextInt(total);
        for (int i = 0; i < values.size(); i++) {
            draw -= weights[i];
            if (draw < 0) {
                return values.get(i);
            }
        }
        throw new IllegalArgumentException("weights do not match values");
    }

    /** Up to {@code count} distinct values, in the order of the list (stable output). */
    <T> List<T> distinct(List<T> values, int count) {
        List<Integer> indexes = new ArrayList<>();
        while (indexes.size() < Math.min(count, values.size())) {
            int index = random.nextInt(values.size());
            if (!indexes.contains(index)) {
                indexes.add(index);
            }
        }
        indexes.sort(Integer::compare);
        return indexes.stream().map(values::get).toList();
    }

    /** A date between {@code from} and {@code to}, both included; {@code from} when the range is empty. */
    LocalDate dateBetween(LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to);
        return days <= 0 ? from : from.plusDays(random.nextInt((int) days + 1));
    }

    /** An amount in euros rounded to the cent. */
    double euros(int min, int max) {
        return Math.round((min + random.nextDouble() * (max - min)) * 100) / 100.0;
    }

    /** An amount in whole euros, rounded to {@code step}. */
    int roundEuros(int min, int max, int step) {
        return between(min / step, max / step) * step;
    }
}
