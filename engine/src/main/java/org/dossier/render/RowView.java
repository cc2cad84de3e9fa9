package org.dossier.render;

import java.util.List;

/**
 * One row of a repeatable group.
 *
 * @param index        the row's index, or {@code __index__} in the blank template
 * @param id           the fieldset id, e.g. {@code f-membres_foyer-0}
 * @param legend       e.g. "Membre du foyer 1" (the template uses {@code __number__})
 * @param removeAction value of the {@code _action} button, e.g. {@code remove:/membres_foyer/0};
 *                     empty when the row may not be removed
 * @param removeLabel  the remove button's text
 * @param savedRowName for a saved row (the edit page numbers them all), the name of the hidden
 *                     field sending back which saved row this is ({@code membres_foyer[0]._row});
 *                     else empty
 * @param savedRowId   that field's value, the row's index in the saved record
 * @param savedRowNote why a saved row offers no remove button; empty otherwise
 * @param confirmQuestion for a saved row, the question its removal asks ("Supprimer la ligne … ?");
 *                     empty for a row not saved yet, which goes at once
 * @param confirming   true when the page asks that question now (the no-JavaScript step)
 * @param confirmAction value of the button confirming the removal
 * @param cancelAction value of the button keeping the row
 */
public record RowView(String index, String id, String legend, List<FormItem> children, String removeAction,
                      String removeLabel, String savedRowName, String savedRowId, String savedRowNote,
                      String confirmQuestion, boolean confirming, String confirmAction, String cancelAction) {
    public RowView {
        children = List.copyOf(children);
    }

    /** A row with no removal to confirm. */
    public RowView(String index, String id, String legend, List<FormItem> children, String removeAction,
                   String removeLabel, String savedRowName, String savedRowId, String savedRowNote) {
        this(index, id, legend, children, removeAction, removeLabel, savedRowName, savedRowId, savedRowNote, "", false,
                "", "");
    }
}
