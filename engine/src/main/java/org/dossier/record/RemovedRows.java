package org.dossier.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dossier.form.ConfidentialFields;

/**
 * The saved rows of repeatable groups a post leaves out, for the audit. A posted row names the
 * saved row it is by {@link ConfidentialFields#ROW_ID} (the edit page sends it for every saved
 * row); a group whose posted rows name none (an API client that does not send identities) is
 * matched by position, its last saved rows being the ones gone. A group the poster cannot see
 * (confidential without the grant) is carried over by the save, so nothing of it is removed.
 */
final class RemovedRows {
    /** One saved row gone: its group's pointer and its index in the version stored. */
    record Removed(String group, int row) {}

    private RemovedRows() {}

    static List<Removed> between(JsonNode effectiveSchema, JsonNode stored, JsonNode posted, boolean confidentialGrant) {
        List<Removed> removed = new ArrayList<>();
        walk(effectiveSchema, stored, posted, "", confidentialGrant, removed);
        return removed;
    }

    private static void walk(JsonNode schema, JsonNode stored, JsonNode posted, String pointer, boolean grant,
                             List<Removed> removed) {
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            JsonNode child = property.getValue();
            if (!grant && child.path("x-confidential").asBoolean(false)) {
                continue;
            }
            String childPointer = pointer + "/" + property.getKey().replace("~", "~0").replace("/", "~1");
            JsonNode storedChild = stored.path(property.getKey());
            JsonNode postedChild = posted.path(property.getKey());
            if (child.path("items").path("properties").isObject()) {
                rows(child.path("items"), storedChild, postedChild, childPointer, grant, removed);
            } else if (child.path("properties").isObject()) {
                walk(child, storedChild, postedChild, childPointer, grant, removed);
            }
        }
    }

    private static void rows(JsonNode items, JsonNode stored, JsonNode posted, String pointer, boolean grant,
                             List<Removed> removed) {
        if (!stored.isArray() || stored.isEmpty()) {
            return;
        }
        List<JsonNode> postedRows = new ArrayList<>();
        posted.forEach(postedRows::add);
        boolean identified = postedRows.stream().anyMatch(row -> row.has(ConfidentialFields.ROW_ID));
        Set<Integer> kept = new HashSet<>();
        for (int index = 0; index < postedRows.size(); index++) {
            JsonNode row = postedRows.get(index);
            int savedIndex = identified ? row.path(ConfidentialFields.ROW_ID).asInt(-1) : index;
            if (savedIndex >= 0 && savedIndex < stored.size() && kept.add(savedIndex)) {
                walk(items, stored.get(savedIndex), row, pointer + "/" + savedIndex, grant, removed);
            }
        }
        for (int index = 0; index < stored.size(); index++) {
            if (!kept.contains(index)) {
                removed.add(new Removed(pointer, index));
            }
        }
    }
}
