package org.dossier.designer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.dossier.form.CustomField;

/**
 * Three-way merge of customisations, for a clone taking its source's updates: the source's
 * customisation at the version the clone last took (the ancestor), the source's latest one
 * (upstream) and the clone's own draft (local).
 *
 * <p>The merge works choice by choice: a base field's {@code hidden}, {@code required},
 * {@code label}… ({@code fields}), each property of a custom field ({@code customFields}, by key)
 * and each module switch ({@code modules}). For each one:
 * <ul>
 *   <li>upstream did not change it: the clone's value stays;</li>
 *   <li>upstream changed it and the clone had not: the upstream value is taken;</li>
 *   <li>both changed it to the same value: nothing to do;</li>
 *   <li>both changed it differently: a {@link Conflict}, settled by a {@link Decision} (the
 *       clone's value when none is given).</li>
 * </ul>
 * A custom field added upstream is added at the end; one removed upstream is removed when the
 * clone had not changed it, or hidden instead when records hold a value for it (a field holding
 * data is never removed). A custom field the clone changed and upstream removed is a conflict.
 */
public final class CustomisationMerge {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CustomisationMerge() {}

    /** Which side a conflict is settled for. */
    public enum Decision { LOCAL, UPSTREAM }

    /** What a conflict is about, so that a page can say it in plain words. */
    public enum Kind { FIELD_CHOICE, CUSTOM_FIELD_PROPERTY, CUSTOM_FIELD, MODULE }

    /**
     * Both sides changed the same choice differently.
     *
     * @param id       stable name of the choice (e.g. {@code fields/contact.telephone/required}), used
     *                 as the decision's key
     * @param kind     what the choice belongs to
     * @param subject  the field path, custom field key or module key
     * @param aspect   the choice ({@code required}, {@code label}…); empty for a whole custom field
     * @param local    the clone's value, {@code null} when it has none (removed)
     * @param upstream the source's value, {@code null} when it has none (removed)
     */
    public record Conflict(String id, Kind kind, String subject, String aspect, JsonNode local, JsonNode upstream) {}

    /**
     * The merged customisation.
     *
     * @param taken     ids of the choices taken from upstream without conflict
     * @param conflicts every conflict found, whatever the decision
     */
    public record Result(ObjectNode merged, List<String> taken, List<Conflict> conflicts) {}

    /**
     * @param holdsData whether the clone's records hold a value for a custom field (by key)
     */
    public static Result merge(JsonNode ancestor, JsonNode upstream, JsonNode local, Map<String, Decision> decisions,
                               Predicate<String> holdsData) {
        ObjectNode merged = local != null && local.isObject() ? ((ObjectNode) local).deepCopy() : NODES.objectNode();
        JsonNode base = object(ancestor);
        JsonNode theirs = object(upstream);
        List<String> taken = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        Merger merger = new Merger(decisions, taken, conflicts);

        mergeFields(base, theirs, merged, merger);
        mergeCustomFields(base, theirs, merged, merger, holdsData);
        mergeModules(base, theirs, merged, merger);
        return new Result(merged, List.copyOf(taken), List.copyOf(conflicts));
    }

    // ---- fields --------------------------------------------------------------------------------

    private static void mergeFields(JsonNode base, JsonNode theirs, ObjectNode merged, Merger merger) {
        Set<String> paths = new LinkedHashSet<>();
        base.path("fields").fieldNames().forEachRemaining(paths::add);
        theirs.path("fields").fieldNames().forEachRemaining(paths::add);
        for (String path : paths) {
            JsonNode a = base.path("fields").path(path);
            JsonNode u = theirs.path("fields").path(path);
            Set<String> choices = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(choices::add);
            u.fieldNames().forEachRemaining(choices::add);
            for (String choice : choices) {
                JsonNode l = merged.path("fields").path(path).get(choice);
                Outcome outcome = merger.decide("fields/" + path + "/" + choice, Kind.FIELD_CHOICE, path, choice,
                        a.get(choice), u.get(choice), l);
                if (outcome.change()) {
                    ObjectNode fields = child(merged, "fields");
                    ObjectNode target = child(fields, path);
                    set(target, choice, outcome.value());
                    if (target.isEmpty()) {
                        fields.remove(path);
                    }
                }
            }
        }
    }

    // ---- custom fields -------------------------------------------------------------------------

    private static void mergeCustomFields(JsonNode base, JsonNode theirs, ObjectNode merged, Merger merger,
                                          Predicate<String> holdsData) {
        Map<String, JsonNode> a = byKey(base.path("customFields"));
        Map<String, JsonNode> u = byKey(theirs.path("customFields"));
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(u.keySet());
        for (String key : keys) {
            JsonNode ancestorField = a.get(key);
            JsonNode upstreamField = u.get(key);
            JsonNode localField = byKey(merged.path("customFields")).get(key);
            if (Objects.equals(ancestorField, upstreamField)) {
                continue;
            }
            if (ancestorField == null || upstreamField == null || localField == null) {
                // Added or removed on one side: the field as a whole is the choice.
                Outcome outcome = merger.decide("customFields/" + key, Kind.CUSTOM_FIELD, key, "", ancestorField,
                        upstreamField, localField);
                if (outcome.change()) {
                    replaceCustomField(merged, key, outcome.value(), holdsData.test(key));
                }
                continue;
            }
            Set<String> properties = new LinkedHashSet<>();
            ancestorField.fieldNames().forEachRemaining(properties::add);
            upstreamField.fieldNames().forEachRemaining(properties::add);
            for (String property : properties) {
                if (property.equals("key")) {
                    continue;
                }
                ObjectNode current = (ObjectNode) byKey(merged.path("customFields")).get(key);
                Outcome outcome = merger.decide("customFields/" + key + "/" + property, Kind.CUSTOM_FIELD_PROPERTY, key,
                        property, ancestorField.get(property), upstreamField.get(property), current.get(property));
                if (outcome.change()) {
                    set(current, property, outcome.value());
                }
            }
        }
    }

    /** Puts a custom field in place of the clone's (or at the end); null removes it, or hides it when it holds data. */
    private static void replaceCustomField(ObjectNode merged, String key, JsonNode field, boolean holdsData) {
        ArrayNode list = merged.path("customFields").isArray() ? (ArrayNode) merged.get("customFields")
                : merged.putArray("customFields");
        int at = -1;
        for (int i = 0; i < list.size(); i++) {
            if (key.equals(CustomField.keyOf(list.get(i)))) {
                at = i;
            }
        }
        if (field == null) {
            if (at < 0) {
                return;
            }
            if (holdsData) {
                list.set(at, CustomField.fromJson(list.get(at)).withHidden(true).toJson());
            } else {
                list.remove(at);
            }
            return;
        }
        if (at < 0) {
            list.add(field.deepCopy());
        } else {
            list.set(at, field.deepCopy());
        }
    }

    // ---- modules -------------------------------------------------------------------------------

    private static void mergeModules(JsonNode base, JsonNode theirs, ObjectNode merged, Merger merger) {
        Set<String> keys = new LinkedHashSet<>();
        base.path("modules").fieldNames().forEachRemaining(keys::add);
        theirs.path("modules").fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            JsonNode l = merged.path("modules").get(key);
            Outcome outcome = merger.decide("modules/" + key, Kind.MODULE, key, "", base.path("modules").get(key),
                    theirs.path("modules").get(key), l);
            if (outcome.change()) {
                set(child(merged, "modules"), key, outcome.value());
            }
        }
    }

    // ---- the rule ------------------------------------------------------------------------------

    /** Whether the clone's value changes, and to what ({@code null}: removed). */
    private record Outcome(boolean change, JsonNode value) {
        static final Outcome KEEP = new Outcome(false, null);
    }

    private record Merger(Map<String, Decision> decisions, List<String> taken, List<Conflict> conflicts) {
        Outcome decide(String id, Kind kind, String subject, String aspect, JsonNode a, JsonNode u, JsonNode l) {
            if (Objects.equals(a, u) || Objects.equals(l, u)) {
                return Outcome.KEEP;
            }
            if (Objects.equals(l, a)) {
                taken.add(id);
                return new Outcome(true, u);
            }
            conflicts.add(new Conflict(id, kind, subject, aspect, l, u));
            return decisions.get(id) == Decision.UPSTREAM ? new Outcome(true, u) : Outcome.KEEP;
        }
    }

    // ---- JSON helpers --------------------------------------------------------------------------

    private static JsonNode object(JsonNode node) {
        return node != null && node.isObject() ? node : NODES.objectNode();
    }

    private static ObjectNode child(ObjectNode parent, String name) {
        return parent.path(name).isObject() ? (ObjectNode) parent.get(name) : parent.putObject(name);
    }

    private static void set(ObjectNode target, String name, JsonNode value) {
        if (value == null) {
            target.remove(name);
        } else {
            target.set(name, value.deepCopy());
        }
    }

    private static Map<String, JsonNode> byKey(JsonNode customFields) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (JsonNode field : customFields) {
            fields.put(CustomField.keyOf(field), field);
        }
        return fields;
    }
}
