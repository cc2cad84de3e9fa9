package org.dossier.web.metrics;

import static io.javalin.http.HandlerType.GET;

import org.dossier.Config;
import org.dossier.Services;
import org.dossier.web.auth.AccessRoutes;

/** The metrics endpoint: open to anyone at the route level, guarded by its own bearer token. */
public final class MetricsRoutes {
    private MetricsRoutes() {}

    public static void register(AccessRoutes access, Services services, Config config) {
        MetricsEndpoint endpoint = new MetricsEndpoint(services.metrics(), config.operations().metricsToken());
        access.open(GET, "/metrics", endpoint::scrape);
    }
}
