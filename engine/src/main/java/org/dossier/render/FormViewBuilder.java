package org.dossier.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.form.ConfidentialFields;
import org.dossier.form.LocalDateTimes;
import org.dossier.form.VisibleWhen;
import org.dossier.validation.FieldError;

/**
 * Binds a record's data and its validation errors to a {@link FormLayout}: decides, per
 * control, the label in the request's language, the value, the required marker, visibility,
 * errors and options. Thread-safe; one instance serves every request.
 */
public final class FormViewBuilder {
    private final VisibleWhen visibleWhen;

    public FormViewBuilder(VisibleWhen visibleWhen) {
        this.visibleWhen = visibleWhen;
    }

    public FormViewBuilder() {
        this(new VisibleWhen());
    }

    /**
     * @param data    the record's data, possibly holding raw strings that did not parse
     * @param errors  validation errors, JSON Pointer paths
     * @param locale  French or English
     */
    public FormView build(FormLayout layout, JsonNode data, List<FieldError> errors, Locale locale,
                          RenderOptions options) {
        return build(layout.title().in(locale), layout.items(), data, errors, locale, options);
    }

    /** Binds only {@code nodes}, root-level nodes of a layout: the page of one section. */
    FormView build(String title, List<LayoutNode> nodes, JsonNode data, List<FieldError> errors, Locale locale,
                   RenderOptions options) {
        var binding = new Binding(data, errors, locale, options);
        List<FormItem> items = new ArrayList<>();
        for (LayoutNode node : nodes) {
            items.add(binding.bind(node, FieldPath.ROOT, data, true));
        }
        return new FormView(title, binding.summary(), items);
    }

    /** The state of one build: never shared between threads. */
    private final class Binding {
        private final JsonNode data;
        private final Locale locale;
        private final RenderOptions options;
        private final UiMessages messages;
        private final Map<String, List<FieldError>> errorsByPointer = new LinkedHashMap<>();
        private final List<ErrorSummaryEntry> summary = new ArrayList<>();
        private VisibleWhen.Subject subject;

        Binding(JsonNode data, List<FieldError> errors, Locale locale, RenderOptions options) {
            this.data = data == null ? MissingNode.getInstance() : data;
            this.locale = locale;
            this.options = options;
            this.messages = UiMessages.of(locale);
            for (FieldError error : errors) {
                errorsByPointer.computeIfAbsent(error.path(), p -> new ArrayList<>()).add(error);
            }
        }

        FormItem bind(LayoutNode node, FieldPath container, JsonNode containerData, boolean parentVisible) {
            FieldPath path = container.resolve(node.path());
            boolean visible = parentVisible && isVisible(node);
            if (node instanceof LayoutNode.Control control) {
                return control(control, path, valueAt(containerData, node.keys()), visible);
            }
            if (node instanceof LayoutNode.Section section) {
                return section(section, path, container, containerData, visible);
            }
            var group = (LayoutNode.Group) node;
            if (group.confidential() && !options.showConfidential()) {
                return masked(group, path, visible);
            }
            return group(group, path, valueAt(containerData, node.keys()), visible);
        }

        /** Children of a section have paths and keys relative to the section's own container. */
        private SectionView section(LayoutNode.Section section, FieldPath path, FieldPath container,
                                    JsonNode containerData, boolean visible) {
            List<String> errors = takeErrors(path, section.label());
            List<FormItem> children = new ArrayList<>();
            for (LayoutNode child : section.children()) {
                children.add(bind(child, container, containerData, visible));
            }
            String hint = section.hint().in(locale);
            return new SectionView(path.id(), section.label().in(locale), hint, hint.isEmpty() ? "" : path.id() + "-hint",
                    children, visible, errors, visibleName(section), visibleValues(section));
        }

        private RepeatableGroupView group(LayoutNode.Group group, FieldPath path, JsonNode rowsData, boolean visible) {
            List<String> errors = takeErrors(path, group.label());
            String itemLabel = group.itemLabel().isEmpty() ? group.label().in(locale) : group.itemLabel().in(locale);
            List<RowView> rows = new ArrayList<>();
            int count = rowsData.isArray() ? rowsData.size() : 0;
            for (int index = 0; index < count; index++) {
                rows.add(row(group, path.index(index), Integer.toString(index), Integer.toString(index + 1),
                        itemLabel, rowsData.get(index), visible, path));
            }
            RowView blank = row(group, path.placeholderIndex(), FieldPath.INDEX_PLACEHOLDER, "__number__", itemLabel,
                    MissingNode.getInstance(), visible, path);
            String hint = group.hint().in(locale);
            return new RepeatableGroupView(path.id(), path.name(), path.pointer(), group.label().in(locale), hint,
                    hint.isEmpty() ? "" : path.id() + "-hint", rows, "add:" + path.pointer(),
                    messages.format("form.row.add", itemLabel), count < group.maxItems(), group.maxItems(), blank, visible, errors,
                    visibleName(group), visibleValues(group), path.index(count).id(),
                    rowsData.isArray() && rowsData.isEmpty());
        }

        private RowView row(LayoutNode.Group group, FieldPath rowPath, String index, String number, String itemLabel,
                            JsonNode rowData, boolean visible, FieldPath groupPath) {
            List<FormItem> children = new ArrayList<>();
            for (LayoutNode child : group.itemChildren()) {
                children.add(bind(child, rowPath, rowData, visible));
            }
            String legend = itemLabel + " " + number;
            String savedRow = savedRowId(rowData);
            String savedRowName = savedRow.isEmpty() ? "" : rowPath.child(ConfidentialFields.ROW_ID).name();
            if (!savedRow.isEmpty() && !options.showConfidential() && holdsConfidential(group.itemChildren())) {
                // Its hidden confidential fields would go with it: only a member who sees them may remove it.
                return new RowView(index, rowPath.id(), legend, children, "", "", savedRowName, savedRow,
                        messages.text("form.row.saved"));
            }
            String rowPointer = groupPath.pointer() + "/" + index;
            return new RowView(index, rowPath.id(), legend, children, "remove:" + rowPointer,
                    messages.format("form.row.remove", legend), savedRowName, savedRow, "",
                    savedRow.isEmpty() ? "" : messages.format("form.row.confirm", legend),
                    rowData.path(RowActions.CONFIRMING).asBoolean(false), "confirm-remove:" + rowPointer,
                    "cancel-remove:" + rowPointer);
        }

        /** The identity a saved row carries when it holds something this member cannot see, or "". */
        private static String savedRowId(JsonNode rowData) {
            JsonNode id = rowData.path(ConfidentialFields.ROW_ID);
            return id.isValueNode() ? id.asText() : "";
        }

        private static boolean holdsConfidential(List<LayoutNode> nodes) {
            for (LayoutNode node : nodes) {
                boolean below = node instanceof LayoutNode.Section section ? holdsConfidential(section.children())
                        : node instanceof LayoutNode.Group group && holdsConfidential(group.itemChildren());
                if (node.confidential() || below) {
                    return true;
                }
            }
            return false;
        }

        private ControlView control(LayoutNode.Control control, FieldPath path, JsonNode value, boolean visible) {
            if (control.confidential() && !options.showConfidential()) {
                return masked(control, path, visible);
            }
            String label = control.label().in(locale);
            List<String> errors = takeErrors(path, control.label());
            if (control.widget() == Widget.CHECKBOXES) {
                errors = new ArrayList<>(errors);
                errors.addAll(takeChildErrors(path, control.label()));
            }
            String hint = control.hint().in(locale);
            String hintId = hint.isEmpty() ? "" : path.id() + "-hint";
            String errorId = path.id() + "-error";
            List<String> values = control.widget() == Widget.CHECKBOXES || control.widget() == Widget.FILE
                    ? ValueText.list(value) : List.of();
            String text = shownText(control, value);
            var constraints = control.constraints();
            var choices = options.choicesFor(path.pointer());
            Widget widget = choices.isPresent() ? Widget.SELECT : control.widget();
            List<OptionView> optionViews = widget == Widget.FILE ? FileControls.attached(path.id(), values, options::fileLabel)
                    : choices.map(given -> choiceOptions(given, text)).orElseGet(() -> options(control, path, text, values));
            return new ControlView(path.id(), path.name(), label, hint, hintId, widget, text, values,
                    control.required(), visible, errors, errorId, describedBy(hintId, errors.isEmpty() ? "" : errorId),
                    optionViews, constraints.min(), constraints.max(), constraints.step(),
                    constraints.pattern(), constraints.maxLength(), constraints.minLength(), constraints.inputmode(),
                    visibleName(control), visibleValues(control));
        }

        private static String shownText(LayoutNode.Control control, JsonNode value) {
            // A row just added to a list of values is an empty object until something is typed in it.
            String text = value.isObject() && value.isEmpty() ? "" : ValueText.scalar(value);
            return control.widget() == Widget.DATETIME ? LocalDateTimes.toLocalInput(text) : text;
        }

        private ControlView masked(LayoutNode node, FieldPath path, boolean visible) {
            String hintId = path.id() + "-hint";
            return new ControlView(path.id(), "", node.label().in(locale), messages.text("form.masked.hint"), hintId,
                    Widget.MASKED, "", List.of(), false, visible, List.of(), path.id() + "-error", hintId, List.of(),
                    "", "", "", "", "", "", "", visibleName(node), visibleValues(node));
        }

        /** The service's choices, and the stored value as one more option when it is not among them. */
        private List<OptionView> choiceOptions(FieldChoices choices, String value) {
            List<OptionView> result = new ArrayList<>();
            result.add(new OptionView("", "", messages.text("form.select.choose"), value.isEmpty()));
            choices.offered().forEach((choice, choiceLabel) ->
                    result.add(new OptionView("", choice, choiceLabel, choice.equals(value))));
            if (!value.isEmpty() && !choices.offered().containsKey(value)) {
                result.add(new OptionView("", value, choices.label(value), true));
            }
            return result;
        }

        private List<OptionView> options(LayoutNode.Control control, FieldPath path, String value, List<String> values) {
            Widget widget = control.widget();
            List<OptionView> result = new ArrayList<>();
            if (widget == Widget.YESNO || widget == Widget.CHECKBOX) {
                result.add(new OptionView(path.id(), "true", messages.text("value.yes"), "true".equals(value)));
                if (widget == Widget.YESNO) {
                    result.add(new OptionView(path.id() + "-1", "false", messages.text("value.no"), "false".equals(value)));
                }
                return result;
            }
            if (control.options().isEmpty()) {
                return result;
            }
            if (widget == Widget.SELECT) {
                result.add(new OptionView("", "", messages.text("form.select.choose"), value.isEmpty()));
            }
            boolean known = value.isEmpty();
            int index = 0;
            for (LayoutNode.Option option : control.options()) {
                boolean selected = widget == Widget.CHECKBOXES ? values.contains(option.value()) : option.value().equals(value);
                known |= option.value().equals(value);
                result.add(new OptionView(index == 0 ? path.id() : path.id() + "-" + index, option.value(),
                        option.label().in(locale), selected));
                index++;
            }
            if (!known && widget == Widget.SELECT) {
                // A value outside the list (imported or tampered data) is shown back, not silently lost.
                result.add(new OptionView("", value, value, true));
            }
            return result;
        }

        private boolean isVisible(LayoutNode node) {
            if (node.visibleWhen() == null) {
                return true;
            }
            if (subject == null) {
                subject = VisibleWhen.Subject.of(data);
            }
            return visibleWhen.isVisible(node.visibleWhen(), subject);
        }

        private List<String> takeErrors(FieldPath path, LocalizedText label) {
            List<FieldError> errorsAtPath = errorsByPointer.remove(path.pointer());
            if (errorsAtPath == null) {
                return List.of();
            }
            for (FieldError error : errorsAtPath) {
                summary.add(new ErrorSummaryEntry(labelled(label, error), "#" + path.id()));
            }
            return errorsAtPath.stream().map(FieldError::message).toList();
        }

        /** Errors on the items of a checkbox group ({@code /motifs/0}) belong to the group. */
        private List<String> takeChildErrors(FieldPath path, LocalizedText label) {
            List<String> found = new ArrayList<>();
            String prefix = path.pointer() + "/";
            var iterator = errorsByPointer.entrySet().iterator();
            while (iterator.hasNext()) {
                var entry = iterator.next();
                if (entry.getKey().startsWith(prefix)) {
                    for (FieldError error : entry.getValue()) {
                        found.add(error.message());
                        summary.add(new ErrorSummaryEntry(labelled(label, error), "#" + path.id()));
                    }
                    iterator.remove();
                }
            }
            return found;
        }

        /** A message that names its field is shown as it is (GOV.UK); a generic one after the field's label. */
        private String labelled(LocalizedText label, FieldError error) {
            return label.isEmpty() || error.namesField() ? error.message()
                    : messages.format("form.error.labelled", label.in(locale), error.message());
        }

        /** Errors no control claimed (a field not on the page, the root) still reach the summary. */
        List<ErrorSummaryEntry> summary() {
            errorsByPointer.forEach((pointer, errorsAtPointer) -> errorsAtPointer.forEach(error ->
                    summary.add(new ErrorSummaryEntry(error.message(), "#" + FieldPath.idOfPointer(pointer)))));
            errorsByPointer.clear();
            return summary;
        }

        private String visibleName(LayoutNode node) {
            return node.clientVisibility().map(ClientVisibility::controllerName).orElse("");
        }

        private String visibleValues(LayoutNode node) {
            return node.clientVisibility().map(v -> ValueText.jsonArray(v.values())).orElse("");
        }
    }

    static String describedBy(String hintId, String errorId) {
        if (hintId.isEmpty()) {
            return errorId;
        }
        return errorId.isEmpty() ? hintId : hintId + " " + errorId;
    }

    private static JsonNode valueAt(JsonNode container, List<String> keys) {
        JsonNode node = container;
        for (String key : keys) {
            node = node.path(key);
        }
        return node;
    }
}
