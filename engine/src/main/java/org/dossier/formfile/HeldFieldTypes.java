package org.dossier.formfile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dossier.form.DefinitionProblem;
import org.dossier.record.RecordDao;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/**
 * An imported definition may drop a field that case files hold values for (they stay stored, as
 * when the designer hides a field) but may not change its type: every such case file would be
 * refused at its next save, for a value its author never touched. Fields are matched by where their
 * data sits (properties, and the items of lists); one SQL count per field whose type changes.
 */
final class HeldFieldTypes {
    /** Data keys a JSON path may hold unquoted on MySQL and MariaDB alike; others are not counted. */
    private static final String PLAIN_KEY = "^[A-Za-z_][A-Za-z0-9_]{0,63}$";

    private HeldFieldTypes() {}

    static List<DefinitionProblem> changed(Handle handle, TenantId tenantId, String formKey, JsonNode published,
                                           JsonNode imported) {
        List<DefinitionProblem> problems = new ArrayList<>();
        compare(handle, tenantId, formKey, published, imported, "", "$", problems);
        return problems;
    }

    /**
     * Compares the schemas of one data location; below the root a changed {@code type} is counted
     * (a list's items at {@code $.list[*]}: an empty list holds none), else their properties and
     * items are compared in turn.
     */
    private static void compare(Handle handle, TenantId tenantId, String formKey, JsonNode before, JsonNode after,
                                String pointer, String jsonPath, List<DefinitionProblem> problems) {
        JsonNode oldType = before.path("type");
        JsonNode newType = after.path("type");
        if (!pointer.isEmpty() && !oldType.isMissingNode() && !newType.isMissingNode() && !oldType.equals(newType)) {
            long holding = new RecordDao(handle).countHolding(tenantId, formKey, jsonPath);
            if (holding > 0) {
                problems.add(new DefinitionProblem(pointer + "/type", "type", holding
                        + " case files hold a value of type " + oldType + " here; a field that holds data keeps its"
                        + " type (add a field under another key instead)", "heldType"));
            }
            return;
        }
        for (Map.Entry<String, JsonNode> property : before.path("properties").properties()) {
            String key = property.getKey();
            JsonNode next = after.path("properties").path(key);
            if (next.isObject() && key.matches(PLAIN_KEY)) {
                // A plain key needs no escaping, in the pointer nor in the JSON path.
                compare(handle, tenantId, formKey, property.getValue(), next, pointer + "/properties/" + key,
                        jsonPath + "." + key, problems);
            }
        }
        if (before.path("items").isObject() && after.path("items").isObject()) {
            compare(handle, tenantId, formKey, before.path("items"), after.path("items"), pointer + "/items",
                    jsonPath + "[*]", problems);
        }
    }
}
