package org.dossier.record;

import java.util.List;
import java.util.Optional;

/**
 * The list's filters, each empty when not applied. Values are compared for equality with the
 * stored generated columns; {@code referentAnyOf} holds the values that mean "this référent" (a
 * member's stored value and, for "mes dossiers", the name a person may have typed before the
 * service chose members).
 *
 * @param toComplete only case files that lack a field their form now requires
 */
public record RecordFilters(Optional<String> status, Optional<String> antenne, List<String> referentAnyOf,
                            boolean toComplete) {
    public static final int MAX_VALUE_LENGTH = 100;
    public static final RecordFilters NONE = new RecordFilters(Optional.empty(), Optional.empty(), List.of(), false);

    public RecordFilters {
        status = status.map(RecordFilters::bounded).filter(value -> !value.isEmpty());
        antenne = antenne.map(RecordFilters::bounded).filter(value -> !value.isEmpty());
        referentAnyOf = referentAnyOf.stream().map(RecordFilters::bounded).filter(value -> !value.isEmpty())
                .distinct().limit(2).toList();
    }

    public boolean any() {
        return status.isPresent() || antenne.isPresent() || !referentAnyOf.isEmpty() || toComplete;
    }

    private static String bounded(String value) {
        String stripped = value.strip();
        return stripped.length() > MAX_VALUE_LENGTH ? stripped.substring(0, MAX_VALUE_LENGTH) : stripped;
    }
}
