package org.dossier.backup;

/** A restore refused before anything was written: the target is not an empty data directory, or the file not a backup. */
public final class RestoreRefusedException extends RuntimeException {
    public RestoreRefusedException(String message) {
        super(message);
    }
}
