package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one page shows of a form: the whole form, or some of its root properties (a section with
 * the fields placed in it, a repeatable group). A save through a page changes only what it shows:
 * {@link HiddenData} carries everything else over from the stored case file, exactly as it is.
 *
 * <p>The whole case file is still validated, with one exception: a required gap outside
 * {@link #requiredWithin} is not this page's to fill (the person cannot see it here), so it does not
 * refuse the save. Every other error still does.
 *
 * @param rootKeys       the root properties shown; empty for the whole form
 * @param requiredWithin JSON Pointers under which a missing required value refuses the save; empty
 *                       for the whole form
 */
public record FormScope(Optional<Set<String>> rootKeys, List<String> requiredWithin) {
    /** The whole form: the full edit page, the API. */
    public static final FormScope WHOLE = new FormScope(Optional.empty(), List.of());

    private static final String REQUIRED = "required";

    public FormScope {
        rootKeys = rootKeys.map(Set::copyOf);
        requiredWithin = List.copyOf(requiredWithin);
    }

    /** A page showing these root properties, each of which it must fill where required. */
    public static FormScope of(Set<String> rootKeys) {
        return new FormScope(Optional.of(rootKeys), rootKeys.stream().map(key -> JsonPointers.append("", key)).toList());
    }

    /** The same page, where only what lies under {@code pointer} must be filled (e.g. one new row). */
    public FormScope requiringOnlyWithin(String pointer) {
        return new FormScope(rootKeys, List.of(pointer));
    }

    public boolean isWhole() {
        return rootKeys.isEmpty();
    }

    /** Whether this page shows the root property {@code key}. */
    public boolean shows(String key) {
        return rootKeys.map(keys -> keys.contains(key)).orElse(true);
    }

    /**
     * The effective schema as this page shows it: only the root properties in scope (and the root's
     * {@code required} narrowed to them). What it leaves out is, for {@link HiddenData}, hidden.
     */
    public JsonNode shownSchema(JsonNode effectiveSchema) {
        if (isWhole()) {
            return effectiveSchema;
        }
        ObjectNode shown = effectiveSchema.deepCopy();
        ObjectNode properties = shown.putObject("properties");
        effectiveSchema.path("properties").properties().forEach(property -> {
            if (shows(property.getKey())) {
                properties.set(property.getKey(), property.getValue().deepCopy());
            }
        });
        ArrayNode required = shown.putArray("required");
        effectiveSchema.path("required").forEach(key -> {
            if (shows(key.asText())) {
                required.add(key);
            }
        });
        return shown;
    }

    /** Whether an error found on the whole case file refuses a save through this page. */
    public boolean refuses(String code, String pointer) {
        if (isWhole() || !REQUIRED.equals(code)) {
            return true;
        }
        return requiredWithin.stream().anyMatch(prefix -> pointer.equals(prefix) || pointer.startsWith(prefix + "/"));
    }
}
