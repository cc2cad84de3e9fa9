package org.dossier.web.records;

import java.util.List;
import java.util.Map;

/** The typed model of {@code pages/record-conflict}: someone else saved the case file meanwhile. */
final class ConflictPageModels {
    private ConflictPageModels() {}

    /**
     * @param savedBy   who saved in between, and {@code savedAt} when
     * @param taken     labels of the fields only they changed, taken from their version
     * @param kept      labels of the fields only this person changed, kept
     * @param combined  labels of the groups whose rows from both sides are kept
     * @param conflicts the fields both changed, each with both values and the choice
     */
    record ConflictPage(RecordMeta meta, String savedBy, String savedAt, List<String> taken, List<String> kept,
                        List<String> combined, List<Choice> conflicts, String formAction,
                        Map<String, String> hiddenFields, String cancelUrl, String alert) {}

    /**
     * One field both sides changed: name {@code choice:<pointer>}, values {@code mine} and {@code theirs}.
     *
     * @param mineChosen whether "keep mine" is the checked radio
     */
    record Choice(String id, String name, String label, Side mine, Side theirs, boolean mineChosen) {}

    /** One side's value as the view page writes it: a text, or for a group one line per row. */
    record Side(String text, boolean empty, List<String> rows) {}
}
