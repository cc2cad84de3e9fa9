package org.dossier;

import io.javalin.Javalin;
import org.dossier.db.Database;
import org.dossier.demo.DemoSeeder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server: database (embedded or external), migrations, optional demo data, HTTP.
 * Stops in reverse order: HTTP first so no request sees a closed pool, then the pool, then the
 * embedded database.
 */
public final class Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    private final Database database;
    private final Javalin app;

    private Server(Database database, Javalin app) {
        this.database = database;
        this.app = app;
    }

    public static Server start(Config config, boolean demo) {
        Database database = Database.open(config);
        try {
            Services services = Services.wire(database, config);
            int applied = services.migrations().migrate();
            LOG.info("Database ready ({} migration(s) applied now)", applied);
            if (demo) {
                new DemoSeeder(services).seedIfEmpty();
            }
            Javalin app = App.create(config, services).start();
            LOG.info("Dossier listening on http://localhost:{}/", app.port());
            return new Server(database, app);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        LOG.info("Stopping: HTTP server");
        app.stop();
        LOG.info("Stopping: connection pool and database");
        database.close();
        LOG.info("Stopped");
    }
}
