package org.dossier.testing;

import io.javalin.Javalin;
import java.util.List;
import org.dossier.App;
import org.dossier.Config;
import org.dossier.web.TrustedProxies;
import org.dossier.web.auth.AccessRoutes;

/** The real app on a random port, started once per test JVM. Requests go through {@link TestClient}. */
public final class TestServer {
    private static Javalin app;
    private static Javalin behindProxy;
    private static List<AccessRoutes.Rule> rules;

    private TestServer() {}

    public static synchronized String baseUrl() {
        if (app == null) {
            app = App.create(Config.fromEnvironment().withPort(0), TestDatabase.services(), registered -> rules = registered)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
        }
        return "http://127.0.0.1:" + app.port();
    }

    /**
     * The same app as a node behind a reverse proxy would run it, trusting 127.0.0.1 and ::1 as
     * proxies: the tests' requests then name their client in {@code X-Forwarded-For}.
     */
    public static synchronized String behindProxyUrl() {
        if (behindProxy == null) {
            behindProxy = App.create(Config.fromEnvironment().withPort(0)
                            .withTrustedProxies(TrustedProxies.parse("127.0.0.1, ::1")), TestDatabase.services())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(behindProxy::stop));
        }
        return "http://127.0.0.1:" + behindProxy.port();
    }

    /** The running app, for the isolation suite's list of every registered route. */
    public static synchronized Javalin app() {
        baseUrl();
        return app;
    }

    /** How each route is guarded, as the app declared it. */
    public static synchronized List<AccessRoutes.Rule> rules() {
        baseUrl();
        return rules;
    }
}
