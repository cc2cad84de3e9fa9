package org.dossier.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Optional;
import org.dossier.form.CompiledForm;

/**
 * The follow-up log of a case file: the repeatable group a caseworker adds a dated entry to after
 * each contact. The one place that knows where it is and which of its fields a new entry fills in
 * advance; a service that hides or removes the group has none, and nothing offers to add to it.
 */
public final class FollowUp {
    /** The root property of the group (JSON Pointer {@code /suivis}). */
    public static final String GROUP = "suivis";

    private static final String DATE = "date";
    private static final String AUTHOR = "intervenant";

    private FollowUp() {}

    /**
     * The schema of one entry as a root object (its fields, their required list and labels), when the
     * form shows the group as a repeatable group of objects.
     */
    public static Optional<JsonNode> rowSchema(CompiledForm form) {
        if (!offered(form)) {
            return Optional.empty();
        }
        JsonNode group = form.effectiveSchema().path("properties").path(GROUP);
        ObjectNode schema = group.path("items").deepCopy();
        schema.put("type", "object");
        if (group.has("x-label") && !schema.has("x-label")) {
            schema.set("x-label", group.get("x-label").deepCopy());
        }
        return Optional.of(schema);
    }

    /** Whether the form offers follow-up entries ({@link #rowSchema} present), without copying the schema. */
    public static boolean offered(CompiledForm form) {
        JsonNode group = form.effectiveSchema().path("properties").path(GROUP);
        return "array".equals(group.path("type").asText()) && group.path("items").path("properties").isObject()
                && !group.path("x-confidential").asBoolean(false);
    }

    /** A new entry dated today, written by the signed-in person, for those of these fields the form has. */
    public static ObjectNode prefilled(JsonNode rowSchema, ObjectNode empty, LocalDate today, String author) {
        JsonNode properties = rowSchema.path("properties");
        if (properties.has(DATE)) {
            empty.put(DATE, today.toString());
        }
        if (properties.has(AUTHOR) && !author.isBlank()) {
            empty.put(AUTHOR, author);
        }
        return empty;
    }
}
