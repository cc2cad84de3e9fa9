package org.dossier.browser;

import io.javalin.Javalin;
import java.time.Duration;
import org.dossier.App;
import org.dossier.Config;
import org.dossier.Services;
import org.dossier.testing.TestDatabase;

/**
 * A second app on the tests' database whose sessions end after {@link #IDLE} without a request,
 * so that a browser test sees the warning before a session ends (at half of it) within seconds.
 */
final class ShortSessions {
    static final Duration IDLE = Duration.ofSeconds(24);
    private static Javalin app;

    private ShortSessions() {}

    static synchronized String baseUrl() {
        if (app == null) {
            Config usual = Config.fromEnvironment().withPort(0);
            Config.Accounts accounts = new Config.Accounts(usual.accounts().adminEmail(), usual.accounts().adminPassword(),
                    usual.accounts().demoPassword(), IDLE, usual.accounts().sessionAbsolute(), usual.accounts().loginLimits());
            Config config = new Config(0, usual.dataDir(), usual.dbUrl(), usual.dbUser(), usual.dbPassword(),
                    usual.poolSize(), usual.maxBodyBytes(), accounts, usual.trustedProxies());
            Services services = Services.wire(TestDatabase.database(), config);
            app = App.create(config, services).start();
            Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
        }
        return "http://127.0.0.1:" + app.port();
    }
}
