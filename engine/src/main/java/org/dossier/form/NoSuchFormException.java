package org.dossier.form;

import org.dossier.DomainException;

/** The tenant has no published form under this key (or no such version). */
public final class NoSuchFormException extends DomainException {
    public NoSuchFormException(String formKey) {
        super("notFound", 404, "no published form " + formKey);
    }
}
