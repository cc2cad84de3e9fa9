package org.dossier.tenantmove;

import org.dossier.DomainException;

/** An export or an import refused before anything was written (or with everything written undone). */
public final class TenantMoveRefusedException extends DomainException {
    public TenantMoveRefusedException(String code, String detail) {
        super(code, 409, detail);
    }
}
