package org.dossier.render;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** What a file field draws besides its input: the files attached, each with a "remove" checkbox. */
final class FileControls {
    private FileControls() {}

    /** One option per attached file: the checkbox's id, the attachment id, its name and size as shown. */
    static List<OptionView> attached(String controlId, List<String> ids, UnaryOperator<String> label) {
        List<OptionView> files = new ArrayList<>();
        for (int index = 0; index < ids.size(); index++) {
            files.add(new OptionView(controlId + "-remove-" + index, ids.get(index), label.apply(ids.get(index)), false));
        }
        return files;
    }

    /** Whether any of these items, at any depth, is a file control. */
    static boolean any(List<? extends FormItem> items) {
        for (FormItem item : items) {
            boolean found = item instanceof ControlView control ? control.widget() == Widget.FILE
                    : item instanceof SectionView section ? any(section.children())
                    : item instanceof RepeatableGroupView group && (any(group.blankRow().children())
                            || group.rows().stream().anyMatch(row -> any(row.children())));
            if (found) {
                return true;
            }
        }
        return false;
    }
}
