package org.dossier.crypto;

/** The master key given at start is not the one this database's data keys are wrapped with, or none was found. */
public final class WrongMasterKeyException extends IllegalStateException {
    public WrongMasterKeyException(String message) {
        super(message);
    }
}
