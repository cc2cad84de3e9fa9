package org.dossier.web;

import org.dossier.DomainException;

/**
 * A request body within the size limit whose shape goes past the platform's limits: an array with
 * more items than any form allows, or nesting deeper than any form has. Answered 413 with the JSON
 * Pointer of the place, within the body, where the limit was passed.
 */
public final class BodyLimitException extends DomainException {
    private final String pointer;
    private final int limit;

    public BodyLimitException(String code, String pointer, int limit) {
        super(code, 413, code + " over " + limit + " at " + pointer);
        this.pointer = pointer;
        this.limit = limit;
    }

    /** Where in the body: {@code /data/membres_foyer}. */
    public String pointer() {
        return pointer;
    }

    public int limit() {
        return limit;
    }
}
