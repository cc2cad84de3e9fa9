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
    DATA_PROTECTION,
    /**
     * Export a service's case files in bulk (CSV, XLSX, JSON lines): its admins and caseworkers,
     * who work with the whole caseload; not a viewer, who reads one case file at a time, nor the
     * DPO, whose access to case files goes through access requests.
     */
    EXPORT_RECORDS,
    /**
     * Import case files in bulk from a file (CSV, XLSX, JSON lines): the service's admins only,
     * who answer for what enters the service's data.
     */
    IMPORT_RECORDS
}
