package org.dossier.crypto;

/**
 * A sealed value that cannot be opened: its service's data key is gone (the service was deleted),
 * the master key is not the one that wrapped it, it was copied to another case file or service,
 * or its bytes were altered. Never a user's mistake: a 500, and the value stays unread.
 */
public final class SealedValueException extends IllegalStateException {
    public SealedValueException(String message) {
        super(message);
    }
}
