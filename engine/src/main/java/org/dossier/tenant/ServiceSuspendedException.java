package org.dossier.tenant;

import org.dossier.DomainException;

/**
 * A member asked for a page or an API call of a suspended service. Answered 403 with a message
 * saying the service is suspended and its data kept; a non-member still gets 404, as for any
 * service they do not belong to, so suspension does not reveal that a service exists.
 */
public final class ServiceSuspendedException extends DomainException {
    public ServiceSuspendedException(String slug) {
        super("serviceSuspended", 403, "service " + slug + " is suspended");
    }
}
