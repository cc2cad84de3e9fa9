package org.dossier;

import io.javalin.Javalin;
import java.util.Optional;
import org.dossier.account.User;
import org.dossier.attachment.AttachmentHousekeeping;
import org.dossier.audit.Actor;
import org.dossier.backup.BackupJob;
import org.dossier.backup.Backups;
import org.dossier.crypto.LegacySealing;
import org.dossier.db.Database;
import org.dossier.demo.DemoSeeder;
import org.dossier.jobs.Jobs;
import org.dossier.metrics.UsageJob;
import org.dossier.retention.LifecycleJob;
import org.dossier.retention.LifecyclePass;
import org.dossier.retention.LifecycleSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server: database (embedded or external), migrations, optional demo data, HTTP.
 * Stops in reverse order: HTTP first (draining the requests in flight) so no request sees a closed
 * pool, then the scheduler, the pool, then the embedded database.
 */
public final class Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    private final Database database;
    private final Javalin app;
    private final Jobs jobs;
    private final org.dossier.db.Readiness readiness;

    private Server(Database database, Javalin app, Jobs jobs, org.dossier.db.Readiness readiness) {
        this.database = database;
        this.app = app;
        this.jobs = jobs;
        this.readiness = readiness;
    }

    /** @throws org.dossier.crypto.WrongMasterKeyException before any change, when the master key is not the database's */
    public static Server start(Config config, boolean demo) {
        Database database = Database.open(config.database());
        try {
            Services services = Services.wire(database, config);
            services.encryption().master(); // a wrong master key stops here, before anything is written
            int applied = services.migrations().migrate();
            LOG.info("Database ready ({} migration(s) applied now)", applied);
            new LegacySealing(services.jdbi(), services.forms(), services.encryption(), services.mapper()).runOnce();
            bootstrapSuperAdmin(services, config);
            // Attachment objects a run deleted the rows of but not the bytes (a crash in between), and
            // uploads no save took, are finished here as well as after each deletion.
            LOG.info("Attachments in {}: {} object deletion(s) finished, {} abandoned upload(s) removed",
                    services.attachmentStore().describe(), services.attachments().deletions().finish(),
                    services.attachments().removeAbandoned());
            if (demo) {
                new DemoSeeder(services).seedIfEmpty(config.accounts().demoPassword());
            }
            Javalin app = App.create(config, services).start();
            LOG.info("Dossier listening on http://localhost:{}/", app.port());
            return new Server(database, app, startJobs(database, services, config), services.readiness());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Creates the first super-admin from {@code DOSSIER_ADMIN_EMAIL} and {@code DOSSIER_ADMIN_PASSWORD}
     * when the platform has none yet; once one exists, the variables are ignored.
     */
    static void bootstrapSuperAdmin(Services services, Config config) {
        Optional<String> email = config.accounts().adminEmail();
        Optional<String> password = config.accounts().adminPassword();
        if (email.isEmpty() || password.isEmpty()) {
            if (services.accounts().countSuperAdmins() == 0) {
                LOG.warn("No super-admin yet: set DOSSIER_ADMIN_EMAIL and DOSSIER_ADMIN_PASSWORD, or run 'create-admin'");
            }
            return;
        }
        if (services.accounts().countSuperAdmins() > 0) {
            return;
        }
        User admin = services.accounts().ensureSuperAdmin(email.get(), email.get(), password.get(),
                Actor.system("bootstrap"));
        LOG.info("Super-admin {} created from DOSSIER_ADMIN_EMAIL", admin.email());
    }

    /** The node's one scheduler, with the nightly tasks of the features that have one. */
    private static Jobs startJobs(Database database, Services services, Config config) {
        String node = Jobs.nodeName();
        Jobs.Builder jobs = Jobs.on(database.dataSource(), node);
        LifecycleJob.nightly(new LifecyclePass(services.jdbi(), services.tenants(), services.mapper(),
                java.time.Clock.systemUTC(), services.attachments()::afterCommit), LifecycleSchedule.fromEnvironment(), node,
                services.metrics().product())
                .ifPresent(jobs::recurring);
        BackupJob.nightly(Backups.of(database, services, config), node, services.metrics().product())
                .ifPresent(jobs::recurring);
        jobs.recurring(AttachmentHousekeeping.task(services.attachments()));
        jobs.recurring(UsageJob.task(services.metrics()));
        jobs.onDemand(org.dossier.imports.ImportTask.task(services.imports()));
        jobs.recurring(org.dossier.idempotency.IdempotencyPurge.task(
                new org.dossier.idempotency.IdempotencyKeys(services.jdbi(), java.time.Clock.systemUTC())));
        jobs.recurring(org.dossier.imports.ImportHousekeeping.task(services.imports()));
        jobs.recurring(org.dossier.stats.StatisticsFoldJob.task(services.statistics()));
        return jobs.start();
    }

    public int port() {
        return app.port();
    }

    /** The database this server runs on (the fault tests stop and kill its embedded server). */
    public Database database() {
        return database;
    }

    /** The tasks of this node's one scheduler. */
    public java.util.List<String> jobNames() {
        return jobs.taskNames();
    }

    /**
     * Readiness fails at once; the HTTP server stops accepting and lets the requests in flight finish
     * (at most {@code DOSSIER_SHUTDOWN_DRAIN}); then the scheduler (it waits for a running task), the
     * pool and the database stop.
     */
    @Override
    public void close() {
        LOG.info("Stopping: readiness fails from now on");
        readiness.drain();
        LOG.info("Stopping: HTTP server (no new connection; requests in flight finish)");
        app.stop();
        LOG.info("Stopping: jobs (waits for a running lifecycle pass or backup)");
        jobs.close();
        LOG.info("Stopping: connection pool and database");
        database.close();
        LOG.info("Stopped");
    }
}
