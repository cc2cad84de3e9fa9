package org.dossier.web.audit;

import static io.javalin.http.HandlerType.GET;
import static org.dossier.account.Permission.READ_AUDIT;

import org.dossier.Services;
import org.dossier.audit.ChainVerifier;
import org.dossier.web.WebKit;
import org.dossier.web.auth.AccessRoutes;

/** A service's audit log and the platform's. Registered through {@link AccessRoutes}, each route with who may call it. */
public final class AuditRoutes {
    private AuditRoutes() {}

    public static void register(AccessRoutes access, Services services, WebKit web) {
        AuditPages audit = new AuditPages(services.auditReader(), web.templates(), services.tenants());

        access.tenant(GET, "/t/{tenant}/admin/audit", READ_AUDIT, audit::ofTenant);
        access.platform(GET, "/admin/audit", audit::ofPlatform);
        AuditVerifyPages verify = new AuditVerifyPages(new ChainVerifier(services.jdbi()), web.templates());
        access.tenant(GET, "/t/{tenant}/admin/audit/verify", READ_AUDIT, verify::ofTenant);
        access.platform(GET, "/admin/audit/verify", verify::ofPlatform);
    }
}
