package org.dossier.attachment;

import java.util.regex.Pattern;
import org.dossier.tenant.TenantId;

/**
 * Where one attachment's bytes live in a store: under its service, by an id the engine draws (never
 * a file's name, which stays in the database). The path is the same on every store, so a service's
 * objects can be listed, moved and deleted by its prefix.
 */
public record ObjectKey(TenantId tenantId, String id) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    public ObjectKey {
        if (tenantId == null || id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not an object key: " + tenantId + "/" + id);
        }
    }

    /** The prefix of every object of a service: {@code t/<tenant id>/}. */
    public static String prefix(TenantId tenantId) {
        return "t/" + tenantId.value() + "/";
    }

    /** {@code t/<tenant id>/<id>}. */
    public String path() {
        return prefix(tenantId) + id;
    }
}
