package org.dossier.render;

import java.util.List;

/**
 * A fieldset with its legend.
 *
 * @param visibleName   HTML name of the field controlling visibility in the browser, empty when none
 * @param visibleValues JSON array of the values that show it, empty when none
 */
public record SectionView(String id, String legend, String hint, String hintId, List<FormItem> children,
                          boolean visible, List<String> errors, String visibleName, String visibleValues)
        implements FormItem {
    public SectionView {
        children = List.copyOf(children);
        errors = List.copyOf(errors);
    }

    @Override
    public String kind() {
        return "section";
    }
}
