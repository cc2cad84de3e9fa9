package org.dossier.idempotency;

import org.dossier.DomainException;

/** The first request with this key is still running (and did not finish while we waited): 409, retry later. */
public final class IdempotencyKeyInProgressException extends DomainException {
    public IdempotencyKeyInProgressException() {
        super("idempotencyKeyInProgress", 409, "a request with this Idempotency-Key is still in progress");
    }
}
