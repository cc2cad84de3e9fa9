package org.dossier.render;

/**
 * One choice of a select, radio group or checkbox group.
 *
 * @param id       the input's id (radios and checkboxes); the first option carries the control's id
 * @param value    the posted value
 * @param label    the text people read
 * @param selected whether the record's data holds this value
 */
public record OptionView(String id, String value, String label, boolean selected) {}
