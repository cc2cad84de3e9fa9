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
 * @param savedRowName for a saved row holding something the member cannot see (a confidential
 *                     field without the grant, a field the form hides), the name of the hidden
 *                     field sending back which saved row this is ({@code membres_foyer[0]._row});
 *                     else empty
 * @param savedRowId   that field's value, the row's index in the saved record
 * @param savedRowNote why a saved row offers no remove button; empty otherwise
 */
public record RowView(String index, String id, String legend, List<FormItem> children, String removeAction,
                      String removeLabel, String savedRowName, String savedRowId, String savedRowNote) {
    public RowView {
        children = List.copyOf(children);
    }
}
