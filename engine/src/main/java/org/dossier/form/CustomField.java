package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A field of the service's own, one entry of a customisation's {@code customFields} (see
 * {@code schemas/CUSTOMISATION.md}).
 *
 * <p>Read leniently: {@link #fromJson} never refuses anything, so that the
 * {@link CustomisationCompiler} can report what is wrong with the path of each problem. A choice
 * the stored JSON leaves out stays out when written back: the three-way merge compares stored
 * properties, and a default written out would read as a change made by the service.
 *
 * @param label per language, {@code fr} required by the compiler; only texts are kept
 * @param order the place among its section's fields; {@value #DEFAULT_ORDER} when absent
 */
public record CustomField(String key, String type, Optional<String> section, Map<String, String> label,
                          Map<String, String> hint, Optional<Boolean> required, Optional<Boolean> confidential,
                          OptionalInt order, Optional<Boolean> hidden, List<Option> options,
                          Optional<VisibleWhen> visibleWhen, Optional<Gdpr> gdpr) {
    /** Where a custom field without an order of its own goes: after the base's fields. */
    public static final int DEFAULT_ORDER = 1000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public CustomField {
        label = texts(label);
        hint = texts(hint);
        options = List.copyOf(options);
    }

    /** One answer of a choice: the value stored in records, and its label per language. */
    public record Option(String value, Map<String, String> label) {
        public Option {
            label = texts(label);
        }
    }

    /**
     * Show the field only while another field has one of some values: stored as {@code equals}
     * (one value) or {@code oneOf} (several); a rule with neither is kept so the compiler can refuse it.
     */
    public record VisibleWhen(String field, Optional<JsonNode> equalTo, Optional<List<JsonNode>> oneOf) {
        public VisibleWhen {
            oneOf = oneOf.map(List::copyOf);
        }

        /** Every value that shows the field, the {@code oneOf} ones first. */
        public List<JsonNode> values() {
            List<JsonNode> values = new ArrayList<>(oneOf.orElse(List.of()));
            equalTo.ifPresent(values::add);
            return values;
        }
    }

    /** The register-of-processing entry of the field ({@code x-gdpr} in the form vocabulary). */
    public record Gdpr(Optional<String> purpose, Optional<String> legalBasis, Optional<String> category,
                       Optional<Boolean> specialCategory) {}

    public boolean isRequired() {
        return required.orElse(false);
    }

    public boolean isConfidential() {
        return confidential.orElse(false);
    }

    public boolean isHidden() {
        return hidden.orElse(false);
    }

    public int orderOrDefault() {
        return order.orElse(DEFAULT_ORDER);
    }

    /** The same field with another key, type, order and visibility (what the edit form does not change). */
    public CustomField withFixed(String newKey, String newType, int newOrder, boolean newHidden) {
        return new CustomField(newKey, newType, section, label, hint, required, confidential, OptionalInt.of(newOrder),
                Optional.of(newHidden), options, visibleWhen, gdpr);
    }

    public CustomField withHidden(boolean newHidden) {
        return new CustomField(key, type, section, label, hint, required, confidential, order, Optional.of(newHidden),
                options, visibleWhen, gdpr);
    }

    /** The key as the compiler reads it, without reading the rest of the field. */
    public static String keyOf(JsonNode spec) {
        return spec.path("key").asText("");
    }

    public static CustomField fromJson(JsonNode spec) {
        List<Option> options = new ArrayList<>();
        if (spec.path("options").isArray()) {
            for (JsonNode option : spec.get("options")) {
                options.add(new Option(option.path("value").asText(""), textsOf(option.path("label"))));
            }
        }
        JsonNode rule = spec.path("visibleWhen");
        Optional<VisibleWhen> visibleWhen = !rule.isObject() ? Optional.empty() : Optional.of(new VisibleWhen(
                rule.path("field").asText(""),
                rule.has("equals") ? Optional.of(rule.get("equals").deepCopy()) : Optional.empty(),
                rule.path("oneOf").isArray() ? Optional.of(copies(rule.get("oneOf"))) : Optional.empty()));
        JsonNode gdpr = spec.path("gdpr");
        Optional<Gdpr> register = !gdpr.isObject() ? Optional.empty() : Optional.of(new Gdpr(text(gdpr, "purpose"),
                text(gdpr, "legalBasis"), text(gdpr, "category"), flag(gdpr, "specialCategory")));
        return new CustomField(keyOf(spec), spec.path("type").asText(""), text(spec, "section"),
                textsOf(spec.path("label")), textsOf(spec.path("hint")), flag(spec, "required"),
                flag(spec, "confidential"), spec.has("order") ? OptionalInt.of(spec.get("order").asInt(DEFAULT_ORDER))
                : OptionalInt.empty(), flag(spec, "hidden"), options, visibleWhen, register);
    }

    /** The field as the customisation stores it, in the order the designer always wrote it. */
    public ObjectNode toJson() {
        ObjectNode spec = NODES.objectNode().put("key", key).put("type", type);
        section.ifPresent(text -> spec.put("section", text));
        if (!label.isEmpty()) {
            spec.set("label", textsJson(label));
        }
        if (!hint.isEmpty()) {
            spec.set("hint", textsJson(hint));
        }
        required.ifPresent(value -> spec.put("required", value));
        confidential.ifPresent(value -> spec.put("confidential", value));
        order.ifPresent(value -> spec.put("order", value));
        if (!options.isEmpty()) {
            ArrayNode array = spec.putArray("options");
            for (Option option : options) {
                ObjectNode item = array.addObject().put("value", option.value());
                if (!option.label().isEmpty()) {
                    item.set("label", textsJson(option.label()));
                }
            }
        }
        visibleWhen.ifPresent(rule -> {
            ObjectNode condition = spec.putObject("visibleWhen").put("field", rule.field());
            rule.equalTo().ifPresent(value -> condition.set("equals", value.deepCopy()));
            rule.oneOf().ifPresent(values -> {
                ArrayNode array = condition.putArray("oneOf");
                values.forEach(value -> array.add(value.deepCopy()));
            });
        });
        gdpr.ifPresent(register -> spec.set("gdpr", gdprJson(register)));
        hidden.ifPresent(value -> spec.put("hidden", value));
        return spec;
    }

    static ObjectNode gdprJson(Gdpr register) {
        ObjectNode entry = NODES.objectNode();
        register.purpose().ifPresent(text -> entry.put("purpose", text));
        register.legalBasis().ifPresent(text -> entry.put("legalBasis", text));
        register.category().ifPresent(text -> entry.put("category", text));
        register.specialCategory().ifPresent(value -> entry.put("specialCategory", value));
        return entry;
    }

    static ObjectNode textsJson(Map<String, String> texts) {
        ObjectNode node = NODES.objectNode();
        texts.forEach(node::put);
        return node;
    }

    /** The texts of a per-language object; anything else in it is not a text and is left out. */
    private static Map<String, String> textsOf(JsonNode node) {
        Map<String, String> texts = new LinkedHashMap<>();
        node.properties().forEach(entry -> {
            if (entry.getValue().isTextual()) {
                texts.put(entry.getKey(), entry.getValue().asText());
            }
        });
        return texts;
    }

    /** An unmodifiable copy that keeps the languages' order, which {@code Map.copyOf} would not. */
    private static Map<String, String> texts(Map<String, String> texts) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(texts));
    }

    private static List<JsonNode> copies(JsonNode array) {
        List<JsonNode> values = new ArrayList<>();
        array.forEach(value -> values.add(value.deepCopy()));
        return values;
    }

    private static Optional<String> text(JsonNode node, String name) {
        return node.has(name) ? Optional.of(node.get(name).asText("")) : Optional.empty();
    }

    private static Optional<Boolean> flag(JsonNode node, String name) {
        return node.has(name) ? Optional.of(node.get(name).asBoolean(false)) : Optional.empty();
    }
}
