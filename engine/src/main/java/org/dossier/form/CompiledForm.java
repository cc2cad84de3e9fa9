package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import org.everit.json.schema.Schema;

/**
 * One published version of a tenant's form, ready for use: the definition as stored, the
 * effective schema compiled from it, and the everit validator of that effective schema.
 * Immutable and shared between requests.
 *
 * @param formKey         the form's key within its tenant ({@code dossier} for the case file)
 * @param version         the published version number, from 1
 * @param definition      the stored definition, including hidden fields
 * @param effectiveSchema what the renderer and the validator use (see schemas/VOCABULARY.md)
 * @param validator       everit schema loaded from {@code effectiveSchema}
 * @param confidential    where the effective schema keeps confidential values
 */
public record CompiledForm(String formKey, int version, JsonNode definition, JsonNode effectiveSchema, Schema validator,
                           ConfidentialFields confidential) {
    public CompiledForm(String formKey, int version, JsonNode definition, JsonNode effectiveSchema, Schema validator) {
        this(formKey, version, definition, effectiveSchema, validator, ConfidentialFields.of(effectiveSchema));
    }
}
