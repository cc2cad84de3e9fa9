package org.dossier.render;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Choices a service gives to a text field, drawn as a select of {@code offered}, with the stored
 * value kept as one more option when it is not among them (text typed before, or a choice no
 * longer offered), so that saving never silently changes it. Values read as their label
 * wherever they are shown.
 *
 * @param offered value → label, in the order shown
 * @param known   value → label of every value that has a label, offered or not
 */
public record FieldChoices(Map<String, String> offered, Map<String, String> known) {
    public FieldChoices {
        offered = Collections.unmodifiableMap(new LinkedHashMap<>(offered));
        known = Map.copyOf(known);
    }

    /** The label of a stored value; text without one is shown as it is. */
    public String label(String value) {
        String label = offered.get(value);
        return label != null ? label : known.getOrDefault(value, value);
    }
}
