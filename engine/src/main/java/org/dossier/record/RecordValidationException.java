package org.dossier.record;

import java.util.List;
import org.dossier.DomainException;
import org.dossier.validation.FieldError;

/** Submitted data does not satisfy the form; nothing was written. */
public final class RecordValidationException extends DomainException {
    private final List<FieldError> errors;

    public RecordValidationException(List<FieldError> errors) {
        super("validation", 422, errors.size() + " validation error(s)");
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
