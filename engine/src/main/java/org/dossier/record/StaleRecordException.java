package org.dossier.record;

import org.dossier.DomainException;

/** The record changed since the caller read it; nothing was written. */
public final class StaleRecordException extends DomainException {
    private final int currentVersion;

    public StaleRecordException(String id, int expected, int currentVersion) {
        super("staleVersion", 409, "record " + id + " is at version " + currentVersion + ", not " + expected);
        this.currentVersion = currentVersion;
    }

    public int currentVersion() {
        return currentVersion;
    }
}
