package org.dossier.idempotency;

import org.dossier.DomainException;

/** The key was already used for a different request (another body, path or caller): 422. */
public final class IdempotencyKeyReusedException extends DomainException {
    public IdempotencyKeyReusedException() {
        super("idempotencyKeyReused", 422, "the Idempotency-Key was used for another request");
    }
}
