package org.dossier.retention;

import org.dossier.DomainException;

/** A retention policy outside the bounds {@link RetentionPolicy} documents: refused, nothing changes (422). */
public final class RetentionOutOfBoundsException extends DomainException {
    public RetentionOutOfBoundsException(int activeYears, int keptYears) {
        super("retentionOutOfBounds", 422, "retention out of bounds: " + activeYears + " active year(s), "
                + keptYears + " kept year(s); active " + RetentionPolicy.MIN_ACTIVE + " to " + RetentionPolicy.MAX_ACTIVE
                + ", kept from the active years to " + RetentionPolicy.MAX_KEPT);
    }
}
