package org.dossier.web.platform;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import org.dossier.Services;
import org.dossier.web.WebKit;
import org.dossier.web.auth.AccessRoutes;

/** The super-admin's services (pages and API), their lifecycle, and the statistics. Registered through {@link AccessRoutes}, each route with who may call it. */
public final class PlatformRoutes {
    private PlatformRoutes() {}

    public static void register(AccessRoutes access, Services services, WebKit web) {
        PlatformPages platform = new PlatformPages(web.formBody(), services.messages(), services.onboarding(), web.templates(),
                services.tenants(), services.metrics().usage()::read);
        PlatformApi platformApi = new PlatformApi(web.json(), services.onboarding());
        OffboardingPages lifecycle = new OffboardingPages(web.formBody(), services.messages(), web.templates(),
                services.tenants(), platform, services.suspension(), services.deletion());
        OffboardingApi lifecycleApi = new OffboardingApi(web.json(), services.suspension(), services.deletion());
        StatisticsPages statistics = new StatisticsPages(services.statistics(), services.statisticsExports(), web.templates(),
                services.tenants());

        access.platform(GET, "/admin/services", platform::list);
        access.platform(POST, "/admin/services", platform::create);
        access.platform(POST, "/admin/services/clone", platform::cloneService);
        access.platform(POST, "/admin/services/{slug}/template", platform::markTemplate);
        access.platform(POST, "/api/v1/tenants", platformApi::cloneService);
        access.platform(POST, "/admin/services/{slug}/suspend", lifecycle::suspend);
        access.platform(POST, "/admin/services/{slug}/resume", lifecycle::resume);
        access.platform(GET, "/admin/services/{slug}/delete", lifecycle::confirmDelete);
        access.platform(POST, "/admin/services/{slug}/delete", lifecycle::delete);
        access.platform(POST, "/api/v1/tenants/{slug}/suspend", lifecycleApi::suspend);
        access.platform(POST, "/api/v1/tenants/{slug}/resume", lifecycleApi::resume);
        access.platform(DELETE, "/api/v1/tenants/{slug}", lifecycleApi::delete);
        access.platform(GET, "/admin/stats", statistics::page);
        access.platform(GET, "/admin/stats/services.csv", statistics::servicesCsv);
        access.platform(GET, "/admin/stats/months.csv", statistics::monthsCsv);
        access.platform(GET, "/admin/stats/breakdowns.csv", statistics::breakdownsCsv);
    }
}
