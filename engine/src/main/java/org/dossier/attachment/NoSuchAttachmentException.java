package org.dossier.attachment;

import org.dossier.DomainException;

/** The case file has no such file, or not one this reader may see: 404, never a hint of which. */
public final class NoSuchAttachmentException extends DomainException {
    public NoSuchAttachmentException(String id) {
        super("notFound", 404, "no attachment " + id);
    }
}
