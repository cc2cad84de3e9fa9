package org.dossier.render;

import java.util.List;

/**
 * One row of a repeatable group.
 *
 * @param index        the row's index, or {@code __index__} in the blank template
 * @param id           the fieldset id, e.g. {@code f-membres_foyer-0}
 * @param legend       e.g. "Membre du foyer 1" (the template uses {@code __number__})
 * @param removeAction value of the {@code _action} button, e.g. {@code remove:/membres_foyer/0}
 * @param removeLabel  the remove button's text
 */
public record RowView(String index, String id, String legend, List<FormItem> children, String removeAction,
                      String removeLabel) {
    public RowView {
        children = List.copyOf(children);
    }
}
