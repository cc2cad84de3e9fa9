package org.dossier.record;

/**
 * Which index serves a filtered and sorted page of the list (V11). Each filter column leads an
 * index per sort column, so rows come in order straight from the index and the page stops after
 * its rows; the other filters are checked on the way. The most selective filter present leads:
 * a référent (a handful of case files each), then status with antenne, antenne, status, "à
 * compléter". Left to itself the optimizer may prefer another index and sort every match.
 */
final class RecordListIndex {
    private RecordListIndex() {}

    static String choose(RecordFilters filters, RecordSort.Column column) {
        String lead;
        if (filters.referentAnyOf().size() == 1) {
            lead = "referent";
        } else if (filters.status().isPresent() && filters.antenne().isPresent()) {
            lead = "status_antenne";
        } else if (filters.antenne().isPresent()) {
            lead = "antenne";
        } else if (filters.status().isPresent()) {
            lead = "status";
        } else if (filters.toComplete()) {
            return switch (column) {
                case UPDATED -> "records_to_complete";
                case NAME -> "records_to_complete_name";
                case OPENED -> "records_to_complete_opened";
            };
        } else if (!filters.referentAnyOf().isEmpty()) {
            // "Mes dossiers" with two spellings: two ranges of the référent index, then a sort of those few rows.
            return "records_by_referent";
        } else {
            return switch (column) {
                case UPDATED -> "records_list";
                case NAME -> "records_by_last_name";
                case OPENED -> "records_by_opened";
            };
        }
        return switch (column) {
            case UPDATED -> "records_by_" + lead;
            case NAME -> "records_by_" + lead + "_name";
            case OPENED -> "records_by_" + lead + "_opened";
        };
    }
}
