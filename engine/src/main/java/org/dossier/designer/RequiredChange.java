package org.dossier.designer;

import org.dossier.form.NewlyRequired;

/**
 * A field the draft makes required, and how many of the service's case files lack it now.
 *
 * @param lacking an upper bound when {@code field.conditional()}: the count cannot tell the case
 *                files whose display condition hides the field, and counts them too
 */
public record RequiredChange(NewlyRequired.Field field, long lacking) {}
