package org.dossier.export;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.dossier.form.CompiledForm;
import org.dossier.form.ConfidentialFields;
import org.dossier.form.HiddenData;

/**
 * What a reader sees of a case file in an export, by the record view's own rules ({@link HiddenData}),
 * applied through the form version the file was saved under, so that a field since removed from
 * the form is still there. Without the confidential grant, a location confidential in any of the
 * export's versions is left out too: a field made confidential later is not revealed by a file
 * saved before.
 */
final class ExportMasking {
    private final Map<Integer, HiddenData> byVersion;
    private final List<ConfidentialFields> confidential;
    private final boolean grant;
    private final int latest;

    /**
     * @param forms  the compiled forms of every version in the export, by version, the latest included
     * @param latest the latest version, whose rules apply to a file saved under a version not in {@code forms}
     */
    ExportMasking(Map<Integer, CompiledForm> forms, int latest, boolean grant) {
        this.grant = grant;
        this.latest = latest;
        this.byVersion = forms.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                Map.Entry::getKey, entry -> HiddenData.of(entry.getValue(), grant)));
        this.confidential = forms.values().stream().map(CompiledForm::confidential).toList();
    }

    ObjectNode visible(int version, JsonNode stored) {
        // A file saved under a newer version while the export runs is read by the latest known rules.
        HiddenData hidden = byVersion.getOrDefault(version, byVersion.get(latest));
        ObjectNode data = ConfidentialFields.withoutRowIds(hidden.visible(stored));
        if (!grant) {
            for (ConfidentialFields fields : confidential) {
                // Removed from the deepest first: an index in a row list stays valid.
                List<String> pointers = fields.postedPointers(data);
                for (int i = pointers.size() - 1; i >= 0; i--) {
                    remove(data, JsonPointer.compile(pointers.get(i)));
                }
            }
        }
        return data;
    }

    private static void remove(JsonNode data, JsonPointer pointer) {
        JsonNode parent = data.at(pointer.head());
        // A confidential location is always a property, never a whole row.
        if (parent instanceof ObjectNode object) {
            object.remove(pointer.last().getMatchingProperty());
        }
    }
}
