package org.dossier.validation;

/**
 * One problem with submitted data, tied to the exact field.
 *
 * @param path    JSON Pointer to the field, e.g. {@code /identite/nom} or {@code /membres_foyer/0/prenom}
 * @param code    stable code: the JSON Schema keyword ({@code required}, {@code minLength}, {@code type}…)
 *                ({@code additionalProperties} for a field the form does not define) or one of ours
 *                ({@code malformedName})
 * @param message human-readable message in the request's language
 */
public record FieldError(String path, String code, String message) {}
