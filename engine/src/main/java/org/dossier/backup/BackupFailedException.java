package org.dossier.backup;

/** A backup or a restore that could not complete; no archive is left under a final name. */
public final class BackupFailedException extends RuntimeException {
    public BackupFailedException(String message) {
        super(message);
    }

    public BackupFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
