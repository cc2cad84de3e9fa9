package org.dossier.designer;

import java.util.List;
import org.dossier.DomainException;

/** A publication that makes fields required without the admin's choice, for each, of whom they are required. */
public final class RequiredChoiceMissingException extends DomainException {
    private final List<String> pointers;

    public RequiredChoiceMissingException(List<String> pointers) {
        super("requiredChoiceMissing", 422, "no choice for the newly required fields " + pointers);
        this.pointers = List.copyOf(pointers);
    }

    /** The fields without a choice, by pointer (see {@link org.dossier.form.RequiredChoices}). */
    public List<String> pointers() {
        return pointers;
    }
}
