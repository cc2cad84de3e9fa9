package org.dossier.web.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.dossier.form.CompiledForm;
import org.dossier.render.FieldPath;

/**
 * The "à compléter" notice of the case-file pages: each required field the case file lacks,
 * named and linked to its control ({@code #f-identite-nom} on the edit page, on the view page, the
 * URL of the section's page holding it, or of the edit page, with that anchor). Empty when nothing is missing. A page model part: the
 * templates read the list as {@code toComplete}.
 */
record ToCompleteNotice(List<FieldLink> toComplete) {
    static final ToCompleteNotice NONE = new ToCompleteNotice(List.of());

    /** A missing field: its label as the form shows it, and where its control is. */
    record FieldLink(String label, String href) {}

    /**
     * @param pointers the missing fields, e.g. {@code /identite/nom}, {@code /membres_foyer/0/lien}
     * @param page     the URL the anchors are on: empty for the page that shows the controls
     */
    static ToCompleteNotice of(CompiledForm form, List<String> pointers, String page, Locale locale) {
        return of(form, pointers, pointer -> page, locale);
    }

    /**
     * As above, each field's anchor on the page {@code pageOf} names for its pointer (the section's own
     * page when the field is in a section the reader may edit, the whole edit form otherwise).
     */
    static ToCompleteNotice of(CompiledForm form, List<String> pointers, Function<String, String> pageOf,
                               Locale locale) {
        return new ToCompleteNotice(pointers.stream()
                .map(pointer -> new FieldLink(label(form.effectiveSchema(), pointer, locale),
                        pageOf.apply(pointer) + "#" + FieldPath.idOfPointer(pointer)))
                .toList());
    }

    /** "Nom", or for a field of a row "Membres du foyer 2 – Lien", as the form labels them. */
    static String label(JsonNode effective, String pointer, Locale locale) {
        JsonNode schema = effective;
        StringBuilder label = new StringBuilder();
        String last = "";
        for (String key : pointer.substring(1).split("/")) {
            if (key.matches("[0-9]+") && schema.path("items").isObject()) {
                label.append(label.isEmpty() ? "" : " – ").append(last).append(' ').append(Integer.parseInt(key) + 1);
                last = "";
                schema = schema.path("items");
                continue;
            }
            schema = schema.path("properties").path(key);
            JsonNode labels = schema.path("x-label");
            last = labels.path(locale.getLanguage()).asText(labels.path("fr").asText(key));
        }
        if (!last.isEmpty()) {
            label.append(label.isEmpty() ? "" : " – ").append(last);
        }
        return label.toString();
    }
}
