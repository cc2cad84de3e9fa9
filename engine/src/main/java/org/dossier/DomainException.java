package org.dossier;

/**
 * A failure the user caused or can act on, with a stable code (the key of its message in the
 * errors bundle, {@code error.<code>}) and the HTTP status it maps to. One mapper turns it into
 * HTML or JSON.
 */
public class DomainException extends RuntimeException {
    private final String code;
    private final int status;

    public DomainException(String code, int status, String detail) {
        super(detail);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
