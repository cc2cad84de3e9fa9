package org.dossier.render;

import java.util.List;

/**
 * An array of objects drawn as rows in fieldsets, with add and remove buttons that work
 * without JavaScript ({@code _action} submit buttons) and a blank row the script can clone.
 *
 * @param name        HTML name of the array, prefix of its rows' names, e.g. {@code membres_foyer}
 * @param pointer     JSON Pointer of the array
 * @param addAction   value of the add button, e.g. {@code add:/membres_foyer}
 * @param canAdd      false once {@code maxItems} rows exist
 * @param maxItems    the most rows the schema allows, for the script
 * @param blankRow    the row the script clones; its index is {@code __index__}
 * @param addAnchor   the id the row an add creates will have, where the page returns after it
 * @param keptEmpty   the data holds this list, empty: the form says so, so that a save keeps it empty
 */
public record RepeatableGroupView(String id, String name, String pointer, String legend, String hint, String hintId,
                                  List<RowView> rows, String addAction, String addLabel, boolean canAdd, int maxItems,
                                  RowView blankRow, boolean visible, List<String> errors,
                                  String visibleName, String visibleValues, String addAnchor,
                                  boolean keptEmpty) implements FormItem {
    public RepeatableGroupView {
        rows = List.copyOf(rows);
        errors = List.copyOf(errors);
    }

    @Override
    public String kind() {
        return "group";
    }
}
