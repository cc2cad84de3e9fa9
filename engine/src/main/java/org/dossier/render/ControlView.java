package org.dossier.render;

import java.util.List;

/**
 * Everything a widget template needs to draw one field; absent texts are empty strings, never null.
 *
 * @param id            HTML id, e.g. {@code f-identite-nom}
 * @param name          HTML name, e.g. {@code identite.nom}; empty for a masked field
 * @param value         the value as typed or stored (raw text when it did not parse)
 * @param values        the checked values of a checkbox group
 * @param errorId       id of the inline error message
 * @param describedBy   ids for {@code aria-describedby} (hint, error), space separated, empty when none
 * @param visibleName   HTML name of the field controlling visibility in the browser, empty when none
 * @param visibleValues JSON array of the values that show the field, empty when none
 */
public record ControlView(String id, String name, String label, String hint, String hintId, Widget widget,
                          String value, List<String> values, boolean required, boolean visible,
                          List<String> errors, String errorId, String describedBy, List<OptionView> options,
                          String min, String max, String step, String pattern, String maxLength, String minLength,
                          String inputmode, String visibleName, String visibleValues) implements FormItem {
    public ControlView {
        values = List.copyOf(values);
        errors = List.copyOf(errors);
        options = List.copyOf(options);
    }

    private static final java.util.regex.Pattern ISO_DATE = java.util.regex.Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    @Override
    public String kind() {
        return "control";
    }

    /** The widget template, e.g. {@code widgets/text}. */
    public String template() {
        return widget.template();
    }

    /**
     * The {@code type} of a date input: {@code text} when the value is not an ISO date, because a
     * date input would silently blank what the person typed.
     */
    public String inputType() {
        if (widget == Widget.DATETIME) {
            return value.isEmpty() || org.dossier.form.LocalDateTimes.isLocalInput(value) ? "datetime-local" : "text";
        }
        if (widget != Widget.DATE) {
            return widget == Widget.NUMBER ? "text" : widget.key();
        }
        return value.isEmpty() || ISO_DATE.matcher(value).matches() ? "date" : "text";
    }

    public boolean invalid() {
        return !errors.isEmpty();
    }

    /** The label of the chosen option of a read-only choice, else the value as stored. */
    public String shownValue() {
        return options.stream().filter(option -> option.selected() && !option.value().isEmpty()).map(OptionView::label)
                .findFirst().orElse(value);
    }

    public boolean masked() {
        return widget == Widget.MASKED;
    }
}
