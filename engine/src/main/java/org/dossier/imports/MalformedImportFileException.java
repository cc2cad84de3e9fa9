package org.dossier.imports;

import org.dossier.DomainException;

/**
 * A file an import cannot read: not the format its name says, no header, unreadable bytes. Its
 * code names the message ({@code error.importMalformedFile}, {@code error.importUnknownFormat}…).
 */
public final class MalformedImportFileException extends DomainException {
    public MalformedImportFileException(String code, String detail) {
        super(code, 400, detail);
    }

    public MalformedImportFileException(String detail) {
        this("importMalformedFile", detail);
    }
}
