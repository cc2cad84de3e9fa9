package org.dossier.account;

/** What a route needs from the member's role in the route's service. */
public enum Permission {
    READ_RECORDS,
    WRITE_RECORDS,
    MANAGE_USERS,
    READ_AUDIT,
    CUSTOMISE_SERVICE,
    /** Reactivate an archived case file, place and lift legal holds: the service's admins, who answer for its data. */
    MANAGE_ARCHIVE,
    /**
     * The GDPR duties of a service: its register of processing, its lifecycle page, access and
     * erasure requests. Its admins and its data protection officer ({@link Role#DPO}).
     */
    DATA_PROTECTION
}
