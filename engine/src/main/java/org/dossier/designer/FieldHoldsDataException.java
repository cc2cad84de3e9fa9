package org.dossier.designer;

import org.dossier.DomainException;

/** A custom field cannot be removed while records hold a value for it: it can only be hidden. */
public final class FieldHoldsDataException extends DomainException {
    private final long records;

    public FieldHoldsDataException(String key, long records) {
        super("customFieldHoldsData", 409, records + " records hold a value for " + key);
        this.records = records;
    }

    /** How many of the service's records hold a value for the field. */
    public long records() {
        return records;
    }
}
