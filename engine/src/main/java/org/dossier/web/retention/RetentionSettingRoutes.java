package org.dossier.web.retention;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import java.time.Clock;
import org.dossier.Services;
import org.dossier.retention.RetentionSettings;
import org.dossier.web.WebKit;
import org.dossier.web.auth.AccessRoutes;

/** The super-admin's retention setting per service, registered through {@link AccessRoutes} as platform routes. */
public final class RetentionSettingRoutes {
    private RetentionSettingRoutes() {}

    public static void register(AccessRoutes access, Services services, WebKit web) {
        Clock clock = Clock.systemUTC();
        RetentionSettings settings = new RetentionSettings(services.jdbi(), services.tenants(), services.audit(),
                services.mapper(), clock);
        RetentionSettingPages pages = new RetentionSettingPages(web.formBody(), services.messages(), web.templates(),
                services.tenants(), settings, clock);
        access.platform(GET, "/admin/services/{slug}/retention", pages::page);
        access.platform(POST, "/admin/services/{slug}/retention", pages::post);
    }
}
