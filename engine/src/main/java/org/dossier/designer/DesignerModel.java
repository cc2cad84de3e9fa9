package org.dossier.designer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dossier.form.CustomisationCompiler;

/**
 * The form as the designer shows it: a tree of sections and fields with what the admin can
 * change on each, read from the draft compiled against the base; and the reverse, turning the
 * designer's posted choices into a customisation that records only what differs from the base,
 * so that later base improvements still reach the service.
 */
public final class DesignerModel {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DesignerModel() {}

    /**
     * One property of the form.
     *
     * @param path     dotted data path, e.g. {@code identite.nom}
     * @param custom   a field of the service's own (from {@code customFields})
     * @param children fields of a section or of a repeatable group's rows, in display order
     */
    public record Node(String path, String key, String labelFr, String labelEn, String hintFr, String hintEn,
                       boolean hidden, boolean required, int order, boolean custom, String type, boolean confidential,
                       List<Node> children) {
        /** True for a section or a repeatable group. (Not named hasChildren: templates would read it for "children".) */
        public boolean nested() {
            return !children.isEmpty();
        }

        /** The label in {@code language} ({@code fr} or {@code en}) when it has one there, else the French one. */
        public String labelIn(String language) {
            return "en".equals(language) && !labelEn.isEmpty() ? labelEn : labelFr;
        }

        /** The name prefix of this node's inputs in the designer form. */
        public String field() {
            return "f." + path;
        }
    }

    /** The tree of the draft: root sections, each with its fields and the custom fields placed in it. */
    public static List<Node> tree(JsonNode definition, JsonNode customisation) {
        Map<String, JsonNode> customByKey = new LinkedHashMap<>();
        customisation.path("customFields").forEach(spec -> customByKey.put(spec.path("key").asText(), spec));
        List<Node> sections = new ArrayList<>();
        Map<String, List<Node>> placed = new LinkedHashMap<>();
        JsonNode properties = definition.path("properties");
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            String section = property.getValue().path("x-section").asText("");
            if (!section.isEmpty()) {
                placed.computeIfAbsent(section, key -> new ArrayList<>())
                        .add(node(property.getKey(), property.getKey(), property.getValue(), definition,
                                customByKey.containsKey(property.getKey()), customByKey.get(property.getKey()), false));
            }
        }
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            if (property.getValue().has("x-section")) {
                continue;
            }
            Node node = node(property.getKey(), property.getKey(), property.getValue(), definition,
                    customByKey.containsKey(property.getKey()), customByKey.get(property.getKey()), false);
            List<Node> extra = placed.getOrDefault(property.getKey(), List.of());
            if (!extra.isEmpty()) {
                List<Node> children = new ArrayList<>(node.children());
                children.addAll(extra);
                children.sort(Comparator.comparingInt(Node::order));
                node = new Node(node.path(), node.key(), node.labelFr(), node.labelEn(), node.hintFr(), node.hintEn(),
                        node.hidden(), node.required(), node.order(), node.custom(), node.type(), node.confidential(),
                        List.copyOf(children));
            }
            sections.add(node);
        }
        sections.sort(Comparator.comparingInt(Node::order));
        return sections;
    }

    private static Node node(String path, String key, JsonNode schema, JsonNode parent, boolean custom, JsonNode spec,
                             boolean underConfidential) {
        boolean confidential = underConfidential || schema.path("x-confidential").asBoolean(false);
        List<Node> children = new ArrayList<>();
        JsonNode inner = schema.has("items") ? schema.get("items") : schema;
        for (Map.Entry<String, JsonNode> child : inner.path("properties").properties()) {
            children.add(node(path + "." + child.getKey(), child.getKey(), child.getValue(), inner, false, null,
                    confidential));
        }
        children.sort(Comparator.comparingInt(Node::order));
        boolean required = false;
        for (JsonNode name : parent.path("required")) {
            required |= name.asText().equals(key);
        }
        return new Node(path, key, text(schema, "x-label", "fr", key), text(schema, "x-label", "en", ""),
                text(schema, "x-hint", "fr", ""), text(schema, "x-hint", "en", ""),
                schema.path("x-hidden").asBoolean(false), required, schema.path("x-order").asInt(1000), custom,
                spec == null ? "" : spec.path("type").asText(""), confidential, List.copyOf(children));
    }

    private static String text(JsonNode schema, String keyword, String language, String fallback) {
        return schema.path(keyword).path(language).asText(fallback);
    }

    /**
     * The customisation after the designer's form was posted: for each field shown in the form,
     * its visibility, requirement, labels, hints and order, recorded only where they differ from
     * the base; custom fields are updated in place; modules as switched.
     *
     * @param posted the form's fields: {@code f.<path>.visible}, {@code .required}, {@code .label.fr},
     *               {@code .label.en}, {@code .hint.fr}, {@code .hint.en}, {@code .order};
     *               {@code module.<key>} for each module shown
     */
    public static ObjectNode customisation(JsonNode base, ObjectNode draft, Map<String, List<String>> posted,
                                           Set<String> modules) {
        ObjectNode result = draft.deepCopy();
        ObjectNode fields = NODES.objectNode();
        Map<String, ObjectNode> customByKey = new LinkedHashMap<>();
        ArrayNode customFields = result.path("customFields").isArray() ? (ArrayNode) result.get("customFields")
                : result.putArray("customFields");
        customFields.forEach(spec -> customByKey.put(spec.path("key").asText(), (ObjectNode) spec));
        for (String name : posted.keySet()) {
            if (!name.startsWith("f.") || !name.endsWith(".order")) {
                continue;
            }
            String path = name.substring(2, name.length() - ".order".length());
            ObjectNode spec = customByKey.get(path);
            if (spec != null) {
                applyCustom(spec, path, posted);
                continue;
            }
            CustomisationCompiler.Located located = CustomisationCompiler.locate(base, path);
            if (located == null) {
                continue;
            }
            ObjectNode choices = NODES.objectNode();
            boolean hidden = !posted.containsKey("f." + path + ".visible");
            if (hidden != located.field().path("x-hidden").asBoolean(false)) {
                choices.put("hidden", hidden);
            }
            if (posted.containsKey("f." + path + ".requiredShown")) {
                boolean required = posted.containsKey("f." + path + ".required");
                if (required != located.required()) {
                    choices.put("required", required);
                }
            }
            differingTexts(choices, "label", located.field().path("x-label"), path, posted);
            differingTexts(choices, "hint", located.field().path("x-hint"), path, posted);
            int order = number(first(posted, "f." + path + ".order"), located.field().path("x-order").asInt(1000));
            if (order != located.field().path("x-order").asInt(1000)) {
                choices.put("order", order);
            }
            // Option labels and other choices the form does not show are kept from the draft.
            JsonNode previous = draft.path("fields").path(path);
            if (previous.has("optionLabels")) {
                choices.set("optionLabels", previous.get("optionLabels").deepCopy());
            }
            if (!choices.isEmpty()) {
                fields.set(path, choices);
            }
        }
        result.set("fields", fields);
        ObjectNode switches = result.path("modules").isObject() ? (ObjectNode) result.get("modules") : result.putObject("modules");
        for (String module : modules) {
            switches.put(module, posted.containsKey("module." + module));
        }
        return result;
    }

    private static void applyCustom(ObjectNode spec, String path, Map<String, List<String>> posted) {
        spec.put("hidden", !posted.containsKey("f." + path + ".visible"));
        spec.put("required", posted.containsKey("f." + path + ".required"));
        String fr = first(posted, "f." + path + ".label.fr").strip();
        ObjectNode label = spec.putObject("label").put("fr", fr.isEmpty() ? path : fr);
        String en = first(posted, "f." + path + ".label.en").strip();
        if (!en.isEmpty()) {
            label.put("en", en);
        }
        ObjectNode hint = NODES.objectNode();
        for (String language : List.of("fr", "en")) {
            String text = first(posted, "f." + path + ".hint." + language).strip();
            if (!text.isEmpty()) {
                hint.put(language, text);
            }
        }
        if (hint.isEmpty()) {
            spec.remove("hint");
        } else {
            spec.set("hint", hint);
        }
        spec.put("order", number(first(posted, "f." + path + ".order"), spec.path("order").asInt(1000)));
    }

    private static void differingTexts(ObjectNode choices, String name, JsonNode base, String path,
                                       Map<String, List<String>> posted) {
        ObjectNode texts = NODES.objectNode();
        for (String language : List.of("fr", "en")) {
            String key = "f." + path + "." + name + "." + language;
            if (!posted.containsKey(key)) {
                continue;
            }
            String text = first(posted, key).strip();
            if (!text.isEmpty() && !text.equals(base.path(language).asText(""))) {
                texts.put(language, text);
            }
        }
        if (!texts.isEmpty()) {
            choices.set(name, texts);
        }
    }

    private static String first(Map<String, List<String>> posted, String name) {
        List<String> values = posted.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    private static int number(String text, int fallback) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
