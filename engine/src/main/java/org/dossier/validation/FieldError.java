package org.dossier.validation;

/**
 * One problem with submitted data, tied to the exact field.
 *
 * @param path       JSON Pointer to the field, e.g. {@code /identite/nom} or {@code /membres_foyer/0/prenom}
 * @param code       stable code: the JSON Schema keyword ({@code required}, {@code minLength}, {@code type}…)
 *                   ({@code additionalProperties} for a field the form does not define) or one of ours
 *                   ({@code malformedName})
 * @param message    human-readable message in the request's language
 * @param namesField whether the message names the field ("Saisissez le nom"), so that a list of errors
 *                   shows it as it is; a generic message ("Ce champ est obligatoire.") is shown there
 *                   after the field's label
 */
public record FieldError(String path, String code, String message, boolean namesField) {
    /** An error whose message does not name its field. */
    public FieldError(String path, String code, String message) {
        this(path, code, message, false);
    }
}
