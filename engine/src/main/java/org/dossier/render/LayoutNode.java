package org.dossier.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * One element of the static layout of a form, computed once per schema. Paths are relative to
 * the enclosing container: the root, or a row of a repeatable group.
 */
sealed interface LayoutNode permits LayoutNode.Section, LayoutNode.Control, LayoutNode.Group {
    /** Data keys from the container to this node; more than one when the node sits in a section. */
    List<String> keys();

    FieldPath path();

    LocalizedText label();

    LocalizedText hint();

    /** The {@code x-visible-when} condition, or null when always visible. */
    JsonNode visibleWhen();

    Optional<ClientVisibility> clientVisibility();

    /** True when this node or one of its ancestors is {@code x-confidential}. */
    boolean confidential();

    /** An object property: a fieldset. */
    record Section(List<String> keys, FieldPath path, LocalizedText label, LocalizedText hint, List<LayoutNode> children,
                   JsonNode visibleWhen, Optional<ClientVisibility> clientVisibility, boolean confidential)
            implements LayoutNode {}

    /** A scalar, enum or array-of-enum property: one control. */
    record Control(List<String> keys, FieldPath path, LocalizedText label, LocalizedText hint, Widget widget,
                   boolean required, List<Option> options, Constraints constraints,
                   JsonNode visibleWhen, Optional<ClientVisibility> clientVisibility, boolean confidential)
            implements LayoutNode {}

    /** An array of objects: rows, each laid out by {@code itemChildren} relative to the row. */
    record Group(List<String> keys, FieldPath path, LocalizedText label, LocalizedText hint, LocalizedText itemLabel,
                 List<LayoutNode> itemChildren, int maxItems,
                 JsonNode visibleWhen, Optional<ClientVisibility> clientVisibility, boolean confidential)
            implements LayoutNode {}

    /** One value of an enum and its label. */
    record Option(String value, LocalizedText label) {}

    /** HTML constraint attributes; empty strings when absent. */
    record Constraints(String min, String max, String step, String pattern, String maxLength, String minLength,
                       String inputmode) {}
}
