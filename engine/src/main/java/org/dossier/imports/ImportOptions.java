package org.dossier.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a run reads and writes.
 *
 * @param mapping          which field each column fills
 * @param externalIdColumn the column holding each row's id in the system it comes from; without it a
 *                         re-run of the same file creates its case files again
 * @param existing         what a row whose external id is already known does: update the case file, or skip it
 * @param allOrNothing     whether one invalid row refuses the whole import (nothing written); otherwise
 *                         the valid rows are imported and the invalid ones reported
 * @param locale           the language of the report's messages
 */
public record ImportOptions(ImportMapping mapping, Optional<String> externalIdColumn, Existing existing,
                            boolean allOrNothing, Locale locale) {
    /** What a row whose case file already exists does. */
    public enum Existing { UPDATE, SKIP }

    ObjectNode toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        ObjectNode columns = node.putObject("mapping");
        mapping.columns().forEach(columns::put);
        externalIdColumn.ifPresent(column -> node.put("externalIdColumn", column));
        node.put("existing", existing.name());
        node.put("allOrNothing", allOrNothing);
        node.put("locale", locale.toLanguageTag());
        return node;
    }

    static ImportOptions fromJson(JsonNode node) {
        Map<String, String> columns = new LinkedHashMap<>();
        node.path("mapping").properties().forEach(entry -> columns.put(entry.getKey(), entry.getValue().asText()));
        return new ImportOptions(new ImportMapping(columns),
                node.hasNonNull("externalIdColumn") ? Optional.of(node.get("externalIdColumn").asText()) : Optional.empty(),
                Existing.valueOf(node.path("existing").asText("SKIP")), node.path("allOrNothing").asBoolean(),
                Locale.forLanguageTag(node.path("locale").asText("fr")));
    }
}
