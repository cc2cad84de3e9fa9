package org.dossier.designer;

import org.dossier.DomainException;

/**
 * The draft is a whole definition imported from a file: the designer's choices, made over the base
 * form, would replace it unseen. Import another file, or restore a version made with the designer
 * from the history, to use the designer again.
 */
public final class ImportedFormException extends DomainException {
    /** Stable code for the error mapper. */
    public static final String CODE = "importedForm";

    public ImportedFormException() {
        super(CODE, 409, "the draft is a form definition imported from a file; the designer cannot change it");
    }
}
