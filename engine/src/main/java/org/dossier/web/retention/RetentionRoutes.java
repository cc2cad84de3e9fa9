package org.dossier.web.retention;

import static io.javalin.http.HandlerType.GET;
import static org.dossier.account.Permission.DATA_PROTECTION;

import java.time.Clock;
import org.dossier.Services;
import org.dossier.retention.LifecyclePass;
import org.dossier.retention.RetentionOverview;
import org.dossier.web.WebKit;
import org.dossier.web.auth.AccessRoutes;

/** The data lifecycle pages, each registered through {@link AccessRoutes} with who may see it. */
public final class RetentionRoutes {
    private RetentionRoutes() {}

    public static void register(AccessRoutes access, Services services, WebKit web) {
        Clock clock = Clock.systemUTC();
        RetentionPages pages = new RetentionPages(new RetentionOverview(services.jdbi(), services.mapper()),
                new LifecyclePass(services.jdbi(), services.tenants(), services.mapper(), clock), clock,
                web.templates());
        access.tenant(GET, "/t/{tenant}/admin/lifecycle", DATA_PROTECTION, pages::service);
        access.platform(GET, "/admin/lifecycle", pages::platform);
        RetentionSettingRoutes.register(access, services, web);
    }
}
