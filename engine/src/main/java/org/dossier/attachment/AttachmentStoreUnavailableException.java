package org.dossier.attachment;

/**
 * The attachment store cannot be used as configured: a half S3 configuration, a bucket that does not
 * exist or refuses the credentials, an endpoint that does not answer. Raised at start, so a server
 * never runs with a store it cannot write to. The message names what to fix and never a secret.
 */
public final class AttachmentStoreUnavailableException extends RuntimeException {

    public AttachmentStoreUnavailableException(String message) {
        super(message);
    }

    public AttachmentStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
