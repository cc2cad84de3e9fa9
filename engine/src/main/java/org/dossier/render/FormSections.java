package org.dossier.render;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The sections of a form as the case-file summary shows them, one card each: every root-level
 * section and repeatable group, and the root-level fields placed in no section gathered in one
 * last part. Each knows the root properties it holds, which is what a page editing it may change
 * (a field placed in a section through {@code x-section} keeps its data at the root).
 */
final class FormSections {
    /** The key of the part holding root fields placed in no section: a hyphen no data key can hold. */
    static final String OTHER_FIELDS = "other-fields";

    private FormSections() {}

    /**
     * @param key      the section's key in URLs: its root property, or {@link #OTHER_FIELDS}
     * @param nodes    the layout nodes it draws
     * @param rootKeys the root properties it holds
     */
    record Part(String key, LocalizedText label, List<LayoutNode> nodes, Set<String> rootKeys) {
        Part {
            nodes = List.copyOf(nodes);
            rootKeys = Set.copyOf(rootKeys);
        }

        /** Whether the person can change anything here: not when everything it holds is masked for them. */
        boolean editable(RenderOptions options) {
            return options.showConfidential() || holdsUnmasked(nodes);
        }

        private static boolean holdsUnmasked(List<LayoutNode> nodes) {
            for (LayoutNode node : nodes) {
                if (!node.confidential() && (!(node instanceof LayoutNode.Section section)
                        || holdsUnmasked(section.children()))) {
                    return true;
                }
            }
            return false;
        }
    }

    static List<Part> of(List<LayoutNode> items) {
        List<Part> parts = new ArrayList<>();
        List<LayoutNode> loose = new ArrayList<>();
        for (LayoutNode node : items) {
            if (node instanceof LayoutNode.Control) {
                loose.add(node);
                continue;
            }
            Set<String> rootKeys = new LinkedHashSet<>();
            rootKeys.add(node.keys().get(0));
            if (node instanceof LayoutNode.Section section) {
                // Fields placed here from the root have one key: their own, at the root.
                section.children().forEach(child -> rootKeys.add(child.keys().get(0)));
            }
            parts.add(new Part(node.keys().get(0), node.label(), List.of(node), rootKeys));
        }
        if (!loose.isEmpty()) {
            Set<String> rootKeys = new LinkedHashSet<>();
            loose.forEach(node -> rootKeys.add(node.keys().get(0)));
            parts.add(new Part(OTHER_FIELDS, LocalizedText.EMPTY, loose, rootKeys)); // its title comes from the bundle
        }
        return parts;
    }
}
