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

    private static void compare(Handle handle, TenantId tenantId, String formKey, JsonNode before, JsonNode after,
                                String pointer, String jsonPath, List<DefinitionProblem> problems) {
        for (Map.Entry<String, JsonNode> property : before.path("properties").properties()) {
            String key = property.getKey();
            JsonNode next = after.path("properties").path(key);
            if (!next.isObject() || !key.matches(PLAIN_KEY)) {
                continue;
            }
            String at = pointer + "/properties/" + key; // a plain key needs no escaping
            String path = jsonPath + "." + key;
            JsonNode oldType = property.getValue().path("type");
            JsonNode newType = next.path("type");
            if (!oldType.isMissingNode() && !newType.isMissingNode() && !oldType.equals(newType)) {
                long holding = new RecordDao(handle).countHolding(tenantId, formKey, path);
                if (holding > 0) {
                    problems.add(new DefinitionProblem(at + "/type", "type", holding
                            + " case files hold a value of type " + oldType + " here; a field that holds data keeps its"
                            + " type (add a field under another key instead)"));
                }
                continue;
            }
            compare(handle, tenantId, formKey, property.getValue(), next, at, path, problems);
            JsonNode items = property.getValue().path("items");
            if (items.isObject() && next.path("items").isObject()) {
                compare(handle, tenantId, formKey, items, next.path("items"),
                        at + "/items", path + "[*]", problems);
            }
        }
    }
}
