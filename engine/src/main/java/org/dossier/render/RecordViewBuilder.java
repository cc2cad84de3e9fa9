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

    private record Context(JsonNode data, Locale locale, RenderOptions options, UiMessages messages,
                           Object[] everitData) {
        Context(JsonNode data, Locale locale, RenderOptions options, UiMessages messages) {
            this(data, locale, options, messages, new Object[1]);
        }

        Object everit() {
            if (everitData[0] == null) {
                everitData[0] = VisibleWhen.toEveritData(data);
            }
            return everitData[0];
        }
    }

    private List<RecordItem> items(List<LayoutNode> nodes, FieldPath container, JsonNode containerData, Context context) {
        List<RecordItem> items = new ArrayList<>();
        for (LayoutNode node : nodes) {
            if (node.visibleWhen() != null && !visibleWhen.isVisible(node.visibleWhen(), context.everit())) {
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
