package org.dossier.web.records;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.record.RecordSort;
import org.dossier.tenant.Tenant;
import org.dossier.web.UiText;

/**
 * The list's filter form (a GET form: it works without JavaScript) and the filters applied, each
 * with a link that removes it and keeps the others. The filters fold under a disclosure
 * ({@code details}, no script) that is open when a filter or an order other than the default is
 * in force, so that a narrow screen shows the results first.
 */
record RecordListFilters(String action, List<Choice> statuses, List<Choice> antennes, List<Choice> referents,
                         boolean mine, boolean toComplete, List<Choice> sorts, List<Applied> applied, String clearUrl,
                         boolean open) {

    /** One option of a select; the empty value means "all". */
    record Choice(String value, String label, boolean selected) {}

    /** A filter in force, said in words, and the list without it. */
    record Applied(String label, String removeUrl) {}

    static RecordListFilters of(Tenant tenant, RecordListState state, RecordListView.Labels labels,
                                List<String> storedReferents, Locale locale) {
        Map<String, String> referents = new LinkedHashMap<>();
        labels.referents().offered().forEach(referents::put);
        for (String stored : storedReferents) {
            referents.putIfAbsent(stored, labels.referents().display(stored));
        }
        List<Map.Entry<String, String>> byName = new ArrayList<>(referents.entrySet());
        byName.sort(Map.Entry.comparingByValue(Comparator.comparing(name -> name.toLowerCase(Locale.ROOT))));
        Map<String, String> sortedReferents = new LinkedHashMap<>();
        byName.forEach(entry -> sortedReferents.put(entry.getKey(), entry.getValue()));

        List<Choice> sorts = new ArrayList<>();
        for (RecordSort sort : RecordSort.values()) {
            sorts.add(new Choice(sort.key(), UiText.get(locale, "records.sort." + sort.key()), sort == state.sort()));
        }
        return new RecordListFilters(RecordListState.listPath(tenant),
                choices(labels.statuses(), state.status(), locale), choices(labels.antennes(), state.antenne(), locale),
                choices(sortedReferents, state.referent(), locale), state.mine(), state.toComplete(), sorts,
                applied(tenant, state, labels, locale), RecordListState.listPath(tenant)
                        + (state.sort() == RecordSort.DEFAULT ? "" : "?sort=" + state.sort().key()),
                state.filtered() || state.sort() != RecordSort.DEFAULT);
    }

    private static List<Choice> choices(Map<String, String> labels, String selected, Locale locale) {
        if (labels.isEmpty()) {
            return List.of();
        }
        List<Choice> choices = new ArrayList<>();
        choices.add(new Choice("", UiText.get(locale, "records.filter.all"), selected.isEmpty()));
        labels.forEach((value, label) -> choices.add(new Choice(value, label, value.equals(selected))));
        if (!selected.isEmpty() && !labels.containsKey(selected)) {
            // A value from a link or an older form: shown as it is, so the filter in force is visible.
            choices.add(new Choice(selected, selected, true));
        }
        return choices;
    }

    private static List<Applied> applied(Tenant tenant, RecordListState state, RecordListView.Labels labels,
                                         Locale locale) {
        List<Applied> applied = new ArrayList<>();
        if (!state.q().isEmpty()) {
            applied.add(applied(locale, "records.applied.q", state.q(), state.withoutQ(), tenant));
        }
        if (!state.status().isEmpty()) {
            applied.add(applied(locale, "records.applied.status",
                    labels.statuses().getOrDefault(state.status(), state.status()), state.withoutStatus(), tenant));
        }
        if (!state.antenne().isEmpty()) {
            applied.add(applied(locale, "records.applied.antenne",
                    labels.antennes().getOrDefault(state.antenne(), state.antenne()), state.withoutAntenne(), tenant));
        }
        if (!state.referent().isEmpty()) {
            applied.add(applied(locale, "records.applied.referent", labels.referents().display(state.referent()),
                    state.withoutReferent(), tenant));
        }
        if (state.mine()) {
            applied.add(new Applied(UiText.get(locale, "records.applied.mine"), state.withoutMine().listUrl(tenant)));
        }
        if (state.toComplete()) {
            applied.add(new Applied(UiText.get(locale, "records.applied.toComplete"),
                    state.withoutToComplete().listUrl(tenant)));
        }
        return applied;
    }

    private static Applied applied(Locale locale, String key, String value, RecordListState without, Tenant tenant) {
        return new Applied(UiText.get(locale, key, value), without.listUrl(tenant));
    }
}
