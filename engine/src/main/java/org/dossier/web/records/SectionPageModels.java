package org.dossier.web.records;

import java.util.List;
import java.util.Map;
import org.dossier.render.FormView;
import org.dossier.render.RecordItem;

/** The typed models of the summary, section and follow-up pages; each component is a template variable. */
final class SectionPageModels {
    private SectionPageModels() {}

    /**
     * {@code pages/record-view}: the case file as a summary of sections.
     *
     * @param followUpUrl the page adding a follow-up entry, "" when the form has no follow-up group
     */
    record SummaryPage(RecordMeta meta, List<SectionCard> sections, String followUpUrl) {}

    /**
     * What a save says on the summary page, a part of its model beside {@link SummaryPage}.
     *
     * @param flash       shown at the top of the page (the layout's), "" when none
     * @param cardKey     the card that shows {@code cardMessage} instead, "" when none
     */
    record Flash(String flash, String cardKey, String cardMessage) {
        static final Flash NONE = new Flash("", "", "");
    }

    /**
     * One card of the summary.
     *
     * @param anchor  the card's element id, which a save through its page returns to
     * @param editUrl its own edit page, "" when the member may change nothing in it
     */
    record SectionCard(String key, String title, String anchor, List<RecordItem> items, String editUrl) {}

    /**
     * {@code pages/record-section} and {@code pages/record-follow-up}: a short form of part of a case file.
     *
     * @param heading what the page does, in the request's language
     * @param oneRow  true for the controls of one new row, drawn as one box rather than a box each
     */
    record PartPage(RecordMeta meta, String heading, FormView form, String formAction, Map<String, String> hiddenFields,
                    String cancelUrl, String alert, boolean oneRow) {}

    /**
     * Typing kept after a session expired and shown again on a part page, a part of its model beside
     * {@link PartPage}: {@code flash} says so (the layout's), {@code restored} marks the form unsaved.
     */
    record Kept(String flash, boolean restored) {
        static final Kept NONE = new Kept("", false);

        static Kept of(java.util.Optional<org.dossier.web.keep.KeptPosts.Restored> restored) {
            return restored.map(r -> new Kept(r.notice(), true)).orElse(NONE);
        }
    }
}
