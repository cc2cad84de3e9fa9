/**
 * Turning submitted data into a typed record and telling people exactly what is wrong with it.
 *
 * <p>{@link org.dossier.validation.FormPostCoercer} turns a flat HTML form post into JSON shaped by the
 * effective schema; {@link org.dossier.validation.RecordValidator} runs the everit validator and maps
 * every violation to the JSON Pointer of the field concerned; {@link org.dossier.validation.Messages}
 * phrases errors from the {@code i18n/errors} resource bundles; {@link org.dossier.validation.Locales}
 * picks French or English for a request. Nothing here knows about HTTP or templates.
 */
package org.dossier.validation;
