package org.dossier.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The static part of a form, computed once per effective schema and shared between requests:
 * order, sections, widgets, labels, options, constraints and conditions. Callers cache one per
 * compiled form; {@link FormViewBuilder} only binds a record's data to it.
 */
public final class FormLayout {
    private final LocalizedText title;
    private final List<LayoutNode> items;
    private final Set<String> groupPointers;
    private final List<FormSections.Part> sections;

    private FormLayout(LocalizedText title, List<LayoutNode> items, Set<String> groupPointers) {
        this.title = title;
        this.items = items;
        this.groupPointers = groupPointers;
        this.sections = List.copyOf(FormSections.of(items));
    }

    /** Lays out an effective schema (hidden fields already removed). */
    public static FormLayout of(JsonNode effectiveSchema) {
        var factory = new LayoutFactory(effectiveSchema, WidgetRegistry.standard());
        List<LayoutNode> items = factory.root();
        return new FormLayout(LocalizedText.of(effectiveSchema.get("x-label")), items,
                Set.copyOf(factory.groupPointers));
    }

    public LocalizedText title() {
        return title;
    }

    List<LayoutNode> items() {
        return items;
    }

    /** The parts of the case-file summary (see {@link FormSections}), found once with the layout. */
    List<FormSections.Part> sections() {
        return sections;
    }

    /**
     * Whether a JSON Pointer names a repeatable group of this form, e.g. {@code /membres_foyer}
     * or, for a group inside rows, {@code /suivis/0/pieces}. Lets callers vet row actions.
     */
    public boolean isRepeatableGroup(String pointer) {
        return groupPointers.contains(pointer.replaceAll("/[0-9]+(?=/|$)", "/*"));
    }

    /** Builds the layout tree from the schema, once. */
    private static final class LayoutFactory {
        private final JsonNode root;
        private final WidgetRegistry widgets;
        private final Set<String> groupPointers = new HashSet<>();

        LayoutFactory(JsonNode root, WidgetRegistry widgets) {
            this.root = root;
            this.widgets = widgets;
        }

        List<LayoutNode> root() {
            JsonNode properties = root.path("properties");
            Map<String, List<Map.Entry<String, JsonNode>>> placed = new LinkedHashMap<>();
            List<Map.Entry<String, JsonNode>> atRoot = new ArrayList<>();
            properties.fields().forEachRemaining(entry -> {
                String section = entry.getValue().path("x-section").asText("");
                boolean targetIsSection = WidgetRegistry.isType(properties.path(section), "object");
                if (!section.isEmpty() && targetIsSection && !WidgetRegistry.isType(entry.getValue(), "object")) {
                    placed.computeIfAbsent(section, k -> new ArrayList<>()).add(entry);
                } else {
                    atRoot.add(entry);
                }
            });
            List<Ordered> nodes = new ArrayList<>();
            for (var entry : atRoot) {
                List<Ordered> extra = new ArrayList<>();
                for (var moved : placed.getOrDefault(entry.getKey(), List.of())) {
                    extra.add(new Ordered(order(moved.getValue()), node(moved.getKey(), moved.getValue(), List.of(),
                            FieldPath.ROOT, "", root, false, List.of())));
                }
                nodes.add(new Ordered(order(entry.getValue()),
                        node(entry.getKey(), entry.getValue(), List.of(), FieldPath.ROOT, "", root, false, extra)));
            }
            return sorted(nodes);
        }

        /**
         * @param parentPath    path from the container (the root or a row) to the parent
         * @param rowPattern    pointer of the enclosing row with {@code *} indexes, empty at the root
         */
        private LayoutNode node(String key, JsonNode schema, List<String> parentKeys, FieldPath parentPath,
                                String rowPattern, JsonNode parentSchema, boolean parentConfidential,
                                List<Ordered> extraChildren) {
            List<String> keys = append(parentKeys, key);
            FieldPath path = parentPath.child(key);
            boolean confidential = parentConfidential || schema.path("x-confidential").asBoolean(false);
            JsonNode condition = schema.get("x-visible-when");
            var client = ClientVisibility.from(condition);
            var label = LocalizedText.of(schema.get("x-label"));
            var hint = LocalizedText.of(schema.get("x-hint"));
            if (WidgetRegistry.isType(schema, "object")) {
                List<Ordered> children = new ArrayList<>(extraChildren);
                children.addAll(children(schema, keys, path, rowPattern, confidential));
                return new LayoutNode.Section(keys, path, label, hint, sorted(children), condition, client, confidential);
            }
            JsonNode items = schema.path("items");
            if (WidgetRegistry.isType(schema, "array") && WidgetRegistry.isType(items, "object")) {
                String groupPattern = rowPattern + path.pointer();
                groupPointers.add(groupPattern);
                List<LayoutNode> rowChildren = sorted(children(items, List.of(), FieldPath.ROOT, groupPattern + "/*",
                        confidential));
                return new LayoutNode.Group(keys, path, label, hint, LocalizedText.of(items.get("x-label")), rowChildren,
                        schema.path("maxItems").asInt(Integer.MAX_VALUE), condition, client, confidential);
            }
            boolean files = "file".equals(schema.path("x-widget").asText());
            if (WidgetRegistry.isType(schema, "array") && items.isObject() && !items.has("enum") && !files) {
                return valueList(keys, path, label, hint, schema, rowPattern, condition, client, confidential);
            }
            Widget widget = schema.path("readOnly").asBoolean(false) ? Widget.READONLY : widgets.widgetFor(schema);
            return new LayoutNode.Control(keys, path, label, hint, widget,
                    isRequired(parentSchema, key, condition, rowPattern + path.pointer()), options(schema), constraints(schema),
                    condition, client, confidential);
        }

        /**
         * A list of plain values (strings, numbers, dates…): drawn as a repeatable group whose rows hold
         * one input each, named {@code key[i]}, with the same add and remove buttons as rows of objects.
         */
        private LayoutNode valueList(List<String> keys, FieldPath path, LocalizedText label, LocalizedText hint,
                                     JsonNode schema, String rowPattern, JsonNode condition,
                                     java.util.Optional<ClientVisibility> client, boolean confidential) {
            JsonNode items = schema.path("items");
            groupPointers.add(rowPattern + path.pointer());
            LocalizedText itemLabel = LocalizedText.of(items.get("x-label"));
            LocalizedText entryLabel = itemLabel.isEmpty() ? label : itemLabel;
            var entry = new LayoutNode.Control(List.of(), FieldPath.ROOT, entryLabel, LocalizedText.of(items.get("x-hint")),
                    widgets.widgetFor(items), false, List.of(), constraints(items), null, java.util.Optional.empty(),
                    confidential);
            return new LayoutNode.Group(keys, path, label, hint, itemLabel, List.of(entry),
                    schema.path("maxItems").asInt(Integer.MAX_VALUE), condition, client, confidential);
        }

        private List<Ordered> children(JsonNode objectSchema, List<String> keys, FieldPath path, String rowPattern,
                                       boolean confidential) {
            List<Ordered> children = new ArrayList<>();
            objectSchema.path("properties").fields().forEachRemaining(entry -> children.add(new Ordered(
                    order(entry.getValue()),
                    node(entry.getKey(), entry.getValue(), keys, path, rowPattern, objectSchema, confidential,
                            List.of()))));
            return children;
        }

        private boolean isRequired(JsonNode parentSchema, String key, JsonNode condition, String pointer) {
            if (contains(parentSchema.path("required"), key)) {
                return true;
            }
            return condition != null && requiredWhileVisible(condition, pointer);
        }

        /** A required visible-when field was moved into a root {@code allOf} of {@code if}/{@code then}. */
        private boolean requiredWhileVisible(JsonNode condition, String pointer) {
            for (JsonNode rule : root.path("allOf")) {
                if (condition.equals(rule.get("if")) && thenRequires(rule.path("then"), pointer)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean thenRequires(JsonNode then, String pointer) {
            String[] segments = pointer.substring(1).split("/");
            JsonNode level = then;
            for (int i = 0; i < segments.length - 1; i++) {
                level = level.path("properties").path(segments[i]);
            }
            return contains(level.path("required"), segments[segments.length - 1]);
        }

        private static List<LayoutNode.Option> options(JsonNode schema) {
            JsonNode values = schema.has("enum") ? schema.get("enum") : schema.path("items").path("enum");
            JsonNode labels = schema.path("x-enum-labels");
            List<LayoutNode.Option> options = new ArrayList<>();
            for (JsonNode value : values) {
                String text = value.isTextual() ? value.textValue() : value.toString();
                LocalizedText label = LocalizedText.of(labels.get(text));
                options.add(new LayoutNode.Option(text, label.isEmpty() ? new LocalizedText(text, text) : label));
            }
            return List.copyOf(options);
        }

        private static LayoutNode.Constraints constraints(JsonNode schema) {
            boolean integer = WidgetRegistry.isType(schema, "integer");
            boolean number = integer || WidgetRegistry.isType(schema, "number");
            String inputmode = integer ? "numeric" : number ? "decimal" : "";
            // An array's bound is its maxItems (a file field takes that many files).
            JsonNode max = WidgetRegistry.isType(schema, "array") ? schema.get("maxItems") : schema.get("maximum");
            return new LayoutNode.Constraints(text(schema.get("minimum")), text(max),
                    number ? (integer ? "1" : "any") : "", text(schema.get("pattern")), text(schema.get("maxLength")),
                    text(schema.get("minLength")), inputmode);
        }

        private static String text(JsonNode node) {
            if (node == null || node.isNull()) {
                return "";
            }
            return node.isNumber() ? node.decimalValue().stripTrailingZeros().toPlainString() : node.asText();
        }

        private static int order(JsonNode schema) {
            return schema.path("x-order").asInt(Integer.MAX_VALUE);
        }

        private static boolean contains(JsonNode array, String key) {
            for (JsonNode item : array) {
                if (key.equals(item.asText())) {
                    return true;
                }
            }
            return false;
        }

        private static List<String> append(List<String> keys, String key) {
            List<String> all = new ArrayList<>(keys);
            all.add(key);
            return List.copyOf(all);
        }

        private static List<LayoutNode> sorted(List<Ordered> nodes) {
            // List.sort is stable: ties keep document order, as the vocabulary says.
            List<Ordered> copy = new ArrayList<>(nodes);
            copy.sort(Comparator.comparingInt(Ordered::order));
            return copy.stream().map(Ordered::node).toList();
        }
    }

    private record Ordered(int order, LayoutNode node) {}
}
