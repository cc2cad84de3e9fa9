package org.dossier.tenant;

/**
 * The id of a tenant (a partner service). Every DAO method on tenant data takes one, so a query
 * cannot be written without saying whose rows it reads.
 */
public record TenantId(long value) {
    public TenantId {
        if (value <= 0) {
            throw new IllegalArgumentException("tenant id must be positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
