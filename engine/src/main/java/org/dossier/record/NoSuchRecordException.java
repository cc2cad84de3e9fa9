package org.dossier.record;

import org.dossier.DomainException;

/** No record with this id in this tenant. Also what another tenant's id gets: existence does not leak. */
public final class NoSuchRecordException extends DomainException {
    public NoSuchRecordException(String id) {
        super("notFound", 404, "no record " + id);
    }
}
