package org.dossier.tenant;

import org.dossier.DomainException;

/** No tenant has this slug. Answered 404 like an unknown record, so slugs cannot be probed. */
public final class NoSuchTenantException extends DomainException {
    public NoSuchTenantException(String slug) {
        super("notFound", 404, "no tenant with slug " + slug);
    }
}
