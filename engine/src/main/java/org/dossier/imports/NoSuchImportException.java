package org.dossier.imports;

import org.dossier.DomainException;

/** No import of that id in this service (another service's id included): 404. */
public final class NoSuchImportException extends DomainException {
    public NoSuchImportException(long runId) {
        super("notFound", 404, "no import " + runId);
    }
}
