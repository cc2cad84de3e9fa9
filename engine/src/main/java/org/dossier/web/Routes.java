package org.dossier.web;

import static io.javalin.http.HandlerType.GET;

import io.javalin.config.RoutesConfig;
import java.util.List;
import org.dossier.Config;
import org.dossier.Services;
import org.dossier.web.accessrequest.AccessRequestRoutes;
import org.dossier.web.api.ApiDocsRoutes;
import org.dossier.web.account.AccountRoutes;
import org.dossier.web.audit.AuditRoutes;
import org.dossier.web.auth.AccessRoutes;
import org.dossier.web.auth.Authenticator;
import org.dossier.web.auth.Csrf;
import org.dossier.web.branding.BrandingRoutes;
import org.dossier.web.designer.DesignerRoutes;
import org.dossier.web.formfile.FormFileRoutes;
import org.dossier.web.keep.KeptPosts;
import org.dossier.web.keep.SessionRoutes;
import org.dossier.web.metrics.MetricsRoutes;
import org.dossier.web.modules.ModuleRoutes;
import org.dossier.web.platform.PlatformRoutes;
import org.dossier.web.register.RegisterRoutes;
import org.dossier.web.retention.RetentionRoutes;
import org.dossier.web.signon.SignOnRoutes;
import org.dossier.web.records.RecordRoutes;

/**
 * Every route of the application: each feature declares its own block, and every route is only
 * registered through {@link AccessRoutes}, with who may call it; the isolation suite fails on any
 * route it does not know.
 */
public final class Routes {
    private Routes() {}

    /** @return how each route is guarded, in registration order */
    public static List<AccessRoutes.Rule> register(RoutesConfig routes, Services services, WebKit web, Config config) {
        Csrf csrf = new Csrf(web.formBody(), services.loginFormTokens());
        KeptPosts kept = new KeptPosts(services.keptPosts(), services.sessions(), csrf, web.formBody(), services.coercer());
        AccessRoutes access = new AccessRoutes(routes, new Authenticator(services.sessions(), services.tokens()), csrf,
                services.tenants(), services.modules(), kept);
        HealthController health = new HealthController(services.readiness(), services.attachmentStore(), web.json());
        access.open(GET, "/health/live", health::live);
        access.open(GET, "/health/ready", health::ready);
        MetricsRoutes.register(access, services, config);

        AccountRoutes.register(access, services, web, csrf);
        SignOnRoutes.register(access, services, web);
        SessionRoutes.register(access, services, web);
        BrandingRoutes.register(access, services, web);
        RecordRoutes.register(access, services, web);
        ModuleRoutes.register(access, services, web);
        AuditRoutes.register(access, services, web);
        DesignerRoutes.register(access, services, web);
        PlatformRoutes.register(access, services, web);
        RetentionRoutes.register(access, services, web);
        RegisterRoutes.register(access, services, web);
        AccessRequestRoutes.register(access, services, web);
        FormFileRoutes.register(access, services, web);
        ApiDocsRoutes.register(access, web);
        return access.rules();
    }
}
