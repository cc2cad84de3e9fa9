package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.everit.json.schema.Schema;

/**
 * Turns a stored form definition into a {@link CompiledForm}: the effective schema of
 * {@code schemas/VOCABULARY.md} and its everit validator (draft-07, formats such as {@code date} and
 * {@code email} enforced). The definition is expected to have passed {@link MetaSchema#check}.
 * Holds no state: callers that want to reuse compiled forms keep them.
 */
public final class FormCompiler {

    /**
     * @param formKey    the form's key within its tenant
     * @param version    the published version
     * @param definition the definition as stored; it is copied, never changed
     */
    public CompiledForm compile(String formKey, int version, JsonNode definition) {
        ObjectNode effective = EffectiveSchema.of(definition);
        return new CompiledForm(formKey, version, definition.deepCopy(), effective, validatorFor(effective));
    }

    private static Schema validatorFor(JsonNode effectiveSchema) {
        // With draft-07 support everit registers and enforces its format validators (date, email…)
        // by default; FormCompilerTest pins that "2024-13-45" and "not-an-email" are refused.
        return EveritSchemas.load(effectiveSchema);
    }
}
