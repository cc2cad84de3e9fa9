package org.dossier.record;

import org.dossier.DomainException;

/** The case file is archived, hence read-only: an admin must reactivate it first. Nothing was written. */
public final class ArchivedRecordException extends DomainException {
    public ArchivedRecordException(String id) {
        super("archived", 409, "record " + id + " is archived and read-only; an admin may reactivate it");
    }
}
