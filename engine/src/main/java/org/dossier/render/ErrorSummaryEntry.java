package org.dossier.render;

/**
 * One line of the error summary at the top of the form.
 *
 * @param message the field's label and the problem
 * @param href    a link to the field, {@code #} followed by its id
 */
public record ErrorSummaryEntry(String message, String href) {}
