package org.dossier.render;

import java.util.Locale;
import java.util.Optional;

/** The closed set of input widgets a control can use; each has a template {@code widgets/<name>}. */
public enum Widget {
    TEXT, TEXTAREA, DATE, EMAIL, TEL, NUMBER, SELECT, RADIO, CHECKBOX, CHECKBOXES, YESNO,
    /** {@code format: date-time}: a datetime-local input (see schemas/VOCABULARY.md for the time zone). */
    DATETIME,
    /** {@code format: uri}. */
    URL,
    /** A {@code readOnly} field: its value shown, not editable, never posted. */
    READONLY,
    /** Attached files (one, or several for an array): a file input, and those attached listed. */
    FILE,
    /** A confidential field the member may not see: no value, no name. */
    MASKED;

    /** The name used in {@code x-widget} and in template names, e.g. {@code yesno}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Pebble template that draws this widget. */
    public String template() {
        return "widgets/" + key();
    }

    /** Whether the widget is a group of inputs drawn in a fieldset with a legend. */
    public boolean isGroup() {
        return this == RADIO || this == CHECKBOXES || this == YESNO || this == FILE;
    }

    /** Parses an {@code x-widget} value; {@code masked} is not something a schema may ask for. */
    public static Optional<Widget> fromKey(String key) {
        for (Widget widget : values()) {
            if (widget != MASKED && widget != READONLY && widget.key().equals(key)) {
                return Optional.of(widget);
            }
        }
        return Optional.empty();
    }
}
