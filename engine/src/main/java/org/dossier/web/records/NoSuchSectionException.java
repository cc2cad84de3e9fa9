package org.dossier.web.records;

import org.dossier.DomainException;

/**
 * A section page was asked for a section this member may not edit on its own: the form has no such
 * section (hidden, switched off), its condition hides it for this case file, or all it holds is masked.
 */
final class NoSuchSectionException extends DomainException {
    NoSuchSectionException(String key) {
        super("notFound", 404, "no editable section " + key);
    }
}
