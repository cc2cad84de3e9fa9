package org.dossier.web;

import io.javalin.http.Context;
import org.dossier.audit.Actor;
import org.dossier.tenant.Tenant;
import org.dossier.tenant.TenantService;

/**
 * What a request is about and who makes it. The tenant always comes from the URL's
 * {@code {tenant}} path parameter, never from a header or a body.
 */
public final class RequestContext {
    static final String TENANT = "dossier.tenant";
    private final TenantService tenants;

    public RequestContext(TenantService tenants) {
        this.tenants = tenants;
    }

    public Tenant tenant(Context ctx) {
        Tenant tenant = ctx.attribute(TENANT);
        if (tenant == null) {
            tenant = tenants.require(ctx.pathParam("tenant"));
            ctx.attribute(TENANT, tenant);
        }
        return tenant;
    }

    /** Until accounts exist every request acts anonymously; the client address is still recorded. */
    public Actor actor(Context ctx) {
        return new Actor("anonymous", ctx.ip());
    }
}
