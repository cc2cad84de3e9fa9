package org.dossier.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Predicate;

/**
 * Chooses the widget of a field from its schema: an explicit {@code x-widget} wins, otherwise
 * the first matching (test, widget) pair of the table in schemas/VOCABULARY.md.
 */
public final class WidgetRegistry {
    /** One row of the table: when {@code test} accepts the field schema, use {@code widget}. */
    public record Entry(Predicate<JsonNode> test, Widget widget) {}

    private static final int LONG_TEXT = 255;
    private static final int MAX_RADIOS = 4;

    private static final List<Entry> DEFAULT_ENTRIES = List.of(
            new Entry(s -> isType(s, "array") && s.path("items").has("enum"), Widget.CHECKBOXES),
            new Entry(s -> s.has("enum") && s.path("enum").size() <= MAX_RADIOS, Widget.RADIO),
            new Entry(s -> s.has("enum"), Widget.SELECT),
            new Entry(s -> isType(s, "boolean"), Widget.YESNO),
            new Entry(s -> isType(s, "number") || isType(s, "integer"), Widget.NUMBER),
            new Entry(s -> "date".equals(s.path("format").asText()), Widget.DATE),
            new Entry(s -> "email".equals(s.path("format").asText()), Widget.EMAIL),
            new Entry(s -> "date-time".equals(s.path("format").asText()), Widget.DATETIME),
            new Entry(s -> "uri".equals(s.path("format").asText()), Widget.URL),
            new Entry(s -> s.path("maxLength").asInt(0) > LONG_TEXT, Widget.TEXTAREA));

    private final List<Entry> entries;

    public WidgetRegistry(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The registry of the vocabulary. */
    public static WidgetRegistry standard() {
        return new WidgetRegistry(DEFAULT_ENTRIES);
    }

    /** The widget for a scalar, enum or array-of-enum field schema; {@code text} when nothing matches. */
    public Widget widgetFor(JsonNode fieldSchema) {
        var explicit = Widget.fromKey(fieldSchema.path("x-widget").asText(""));
        if (explicit.isPresent()) {
            return explicit.get();
        }
        for (Entry entry : entries) {
            if (entry.test().test(fieldSchema)) {
                return entry.widget();
            }
        }
        return Widget.TEXT;
    }

    static boolean isType(JsonNode schema, String type) {
        JsonNode declared = schema.path("type");
        if (declared.isArray()) {
            for (JsonNode one : declared) {
                if (type.equals(one.asText())) {
                    return true;
                }
            }
            return false;
        }
        return type.equals(declared.asText());
    }
}
