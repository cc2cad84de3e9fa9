package org.dossier.stats;

import java.util.OptionalLong;

/**
 * A published count: its value, or nothing when it is suppressed. A suppressed figure does not
 * hold the value it hides, so that nothing downstream (page, CSV) can print it by mistake.
 */
public record Figure(OptionalLong shown) {
    public static final Figure SUPPRESSED = new Figure(OptionalLong.empty());

    public static Figure of(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("a count is never negative: " + value);
        }
        return new Figure(OptionalLong.of(value));
    }

    public boolean suppressed() {
        return shown.isEmpty();
    }

    /** @throws IllegalStateException when suppressed */
    public long value() {
        return shown.orElseThrow(() -> new IllegalStateException("a suppressed figure has no value to show"));
    }
}
