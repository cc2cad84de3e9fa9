package org.dossier.branding;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.tenant.ServiceName;
import org.dossier.tenant.TenantId;
import org.dossier.tenant.TenantService;
import org.jdbi.v3.core.Jdbi;

/** Changes a service's name, colour and logo, and writes it in the service's audit log. */
public final class BrandingService {
    private final Jdbi jdbi;
    private final TenantService tenants;
    private final LogoStore logos;
    private final AuditLog audit;
    private final ObjectMapper json;

    public BrandingService(Jdbi jdbi, TenantService tenants, LogoStore logos, AuditLog audit, ObjectMapper json) {
        this.jdbi = jdbi;
        this.tenants = tenants;
        this.logos = logos;
        this.audit = audit;
        this.json = json;
    }

    /** The name, colour and logo arrive already checked: they are values that cannot be invalid. */
    public void change(TenantId tenantId, ServiceName name, BrandColour colour, LogoChange logo, Actor actor) {
        tenants.updateBranding(tenantId, name.value(), colour.hex());
        // Java 17 has no pattern switch yet; the sealed interface still keeps the cases to these three.
        if (logo instanceof LogoChange.Replace replace) {
            logos.save(tenantId, replace.logo(), actor.id());
            tenants.logoChanged(tenantId, true);
        } else if (logo instanceof LogoChange.Remove) {
            logos.delete(tenantId);
            tenants.logoChanged(tenantId, false);
        }
        jdbi.useHandle(handle -> audit.record(handle, tenantId, actor, "branding.changed", "tenant", tenantId.toString(),
                json.createObjectNode().put("name", name.value()).put("colour", colour.hex())));
    }
}
