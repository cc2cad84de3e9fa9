package org.dossier.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dossier.form.FormScope;
import org.dossier.form.VisibleWhen;

/**
 * Builds the read-only view of a record from a {@link FormLayout}: enum values by their labels,
 * booleans as Oui/Non, dates as dd/MM/yyyy in French and yyyy-MM-dd in English, a dash for
 * empty values, confidential values masked unless allowed. Fields that are not visible for
 * this record's data are left out. Thread-safe.
 */
public final class RecordViewBuilder {
    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final VisibleWhen visibleWhen;

    public RecordViewBuilder(VisibleWhen visibleWhen) {
        this.visibleWhen = visibleWhen;
    }

    public RecordViewBuilder() {
        this(new VisibleWhen());
    }

    public RecordView build(FormLayout layout, JsonNode data, Locale locale, RenderOptions options) {
        JsonNode root = data == null ? MissingNode.getInstance() : data;
        var context = new Context(root, locale, options, UiMessages.of(locale));
        return new RecordView(layout.title().in(locale), items(layout.items(), FieldPath.ROOT, root, context));
    }

    /**
     * Each field and group of the layout by its JSON Pointer, formatted as {@link #build} does,
     * whatever the display conditions say: to show one value out of its page (a merge's sides).
     */
    public java.util.Map<String, RecordItem> byPointer(FormLayout layout, JsonNode data, Locale locale,
                                                       RenderOptions options) {
        JsonNode root = data == null ? MissingNode.getInstance() : data;
        var context = new Context(root, locale, options, UiMessages.of(locale));
        java.util.Map<String, RecordItem> found = new java.util.LinkedHashMap<>();
        collect(layout.items(), root, context, found);
        return found;
    }

    private void collect(List<LayoutNode> nodes, JsonNode root, Context context, java.util.Map<String, RecordItem> found) {
        for (LayoutNode node : nodes) {
            if (node instanceof LayoutNode.Section section) {
                collect(section.children(), root, context, found);
            } else {
                found.put(FieldPath.ROOT.resolve(node.path()).pointer(), item(node, FieldPath.ROOT, root, context));
            }
        }
    }

    /**
     * The summary of a record: one card per section that is visible for its data (see
     * {@link FormSections}), in the order of the form.
     */
    public List<SectionSummary> sections(FormLayout layout, JsonNode data, Locale locale, RenderOptions options) {
        JsonNode root = data == null ? MissingNode.getInstance() : data;
        var context = new Context(root, locale, options, UiMessages.of(locale));
        List<SectionSummary> cards = new ArrayList<>();
        for (FormSections.Part part : layout.sections()) {
            List<RecordItem> items = items(part.nodes(), FieldPath.ROOT, root, context);
            if (items.isEmpty()) {
                continue; // hidden by its condition for this record's data
            }
            List<RecordItem> shown = items.size() == 1 && items.get(0) instanceof RecordItem.Section section
                    ? section.items() : items;
            cards.add(new SectionSummary(part.key(), title(part, locale), shown, part.editable(options)));
        }
        return cards;
    }

    /** The section {@code key}, when it is visible for this data and holds something the member may change. */
    public Optional<EditableSection> editable(FormLayout layout, String key, JsonNode data, Locale locale,
                                                        RenderOptions options) {
        return part(layout, key, data, options)
                .map(part -> new EditableSection(part.key(), title(part, locale), FormScope.of(part.rootKeys())));
    }

    /** The root-level layout nodes of an editable section, for its page. */
    Optional<List<LayoutNode>> nodes(FormLayout layout, String key, JsonNode data, RenderOptions options) {
        return part(layout, key, data, options).map(FormSections.Part::nodes);
    }

    private Optional<FormSections.Part> part(FormLayout layout, String key, JsonNode data,
                                                       RenderOptions options) {
        var context = new Context(data == null ? MissingNode.getInstance() : data, Locale.FRENCH, options,
                UiMessages.of(Locale.FRENCH));
        return layout.sections().stream()
                .filter(part -> part.key().equals(key) && part.editable(options))
                .filter(part -> part.nodes().stream().anyMatch(node -> node.visibleWhen() == null
                        || visibleWhen.isVisible(node.visibleWhen(), context.subject())))
                .findFirst();
    }

    private static String title(FormSections.Part part, Locale locale) {
        return part.label().isEmpty() ? UiMessages.of(locale).text("record.section.other") : part.label().in(locale);
    }

    private record Context(JsonNode data, Locale locale, RenderOptions options, UiMessages messages,
                           VisibleWhen.Subject subject) {
        Context(JsonNode data, Locale locale, RenderOptions options, UiMessages messages) {
            this(data, locale, options, messages, VisibleWhen.Subject.of(data));
        }
    }

    private List<RecordItem> items(List<LayoutNode> nodes, FieldPath container, JsonNode containerData, Context context) {
        List<RecordItem> items = new ArrayList<>();
        for (LayoutNode node : nodes) {
            if (node.visibleWhen() != null && !visibleWhen.isVisible(node.visibleWhen(), context.subject())) {
                continue;
            }
            items.add(item(node, container, containerData, context));
        }
        return items;
    }

    private RecordItem item(LayoutNode node, FieldPath container, JsonNode containerData, Context context) {
        FieldPath path = container.resolve(node.path());
        String label = node.label().in(context.locale());
        if (node instanceof LayoutNode.Section section) {
            return new RecordItem.Section(path.id(), label, items(section.children(), container, containerData, context));
        }
        boolean masked = node.confidential() && !context.options().showConfidential();
        if (masked) {
            return new RecordItem.Field(label, context.messages().text("record.masked"), false, true);
        }
        JsonNode value = valueAt(containerData, node.keys());
        if (node instanceof LayoutNode.Group group) {
            String itemLabel = group.itemLabel().isEmpty() ? label : group.itemLabel().in(context.locale());
            List<RecordItem.Row> rows = new ArrayList<>();
            for (int index = 0; value.isArray() && index < value.size(); index++) {
                rows.add(new RecordItem.Row(itemLabel + " " + (index + 1),
                        items(group.itemChildren(), path.index(index), value.get(index), context)));
            }
            return new RecordItem.Group(path.id(), label, rows, context.messages().text("record.rows.none"));
        }
        if (((LayoutNode.Control) node).widget() == Widget.FILE) { // the files' names, never their ids
            String files = String.join(", ", ValueText.list(value).stream().map(context.options()::fileLabel).toList());
            return files.isEmpty() ? new RecordItem.Field(label, context.messages().text("record.empty"), true, false)
                    : new RecordItem.Field(label, files, false, false);
        }
        String text = context.options().choicesFor(path.pointer())
                .map(choices -> ValueText.scalar(value).isEmpty() ? "" : choices.label(ValueText.scalar(value)))
                .orElseGet(() -> format((LayoutNode.Control) node, value, context));
        return text.isEmpty() ? new RecordItem.Field(label, context.messages().text("record.empty"), true, false)
                : new RecordItem.Field(label, text, false, false);
    }

    private static String format(LayoutNode.Control control, JsonNode value, Context context) {
        Locale locale = context.locale();
        if (control.widget() == Widget.CHECKBOXES) {
            List<String> labels = new ArrayList<>();
            for (String item : ValueText.list(value)) {
                labels.add(optionLabel(control, item, locale));
            }
            return String.join(", ", labels);
        }
        String text = ValueText.scalar(value);
        if (text.isEmpty()) {
            return "";
        }
        if (value.isBoolean()) {
            return context.messages().text(value.booleanValue() ? "value.yes" : "value.no");
        }
        if (!control.options().isEmpty()) {
            return optionLabel(control, text, locale);
        }
        if (control.widget() == Widget.DATE && !"en".equals(locale.getLanguage())) {
            return frenchDate(text);
        }
        if (value.isNumber()) {
            NumberFormat format = NumberFormat.getNumberInstance(locale);
            format.setMaximumFractionDigits(2);
            return format.format(value.decimalValue());
        }
        return text;
    }

    private static String optionLabel(LayoutNode.Control control, String value, Locale locale) {
        for (LayoutNode.Option option : control.options()) {
            if (option.value().equals(value)) {
                return option.label().in(locale);
            }
        }
        return value;
    }

    private static String frenchDate(String isoDate) {
        try {
            return LocalDate.parse(isoDate).format(FRENCH_DATE);
        } catch (DateTimeParseException e) {
            return isoDate;
        }
    }

    private static JsonNode valueAt(JsonNode container, List<String> keys) {
        JsonNode node = container;
        for (String key : keys) {
            node = node.path(key);
        }
        return node;
    }
}
