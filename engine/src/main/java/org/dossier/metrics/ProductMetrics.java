package org.dossier.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The product's own counters. Labels are closed sets chosen here (a deletion path, an outcome),
 * never a person, a service or anything a request sent.
 */
public final class ProductMetrics {
    /** Why case files were deleted for good. */
    public enum DeletionPath {
        LIFECYCLE("lifecycle"), ERASURE("erasure"), SERVICE("service");

        private final String label;

        DeletionPath(String label) {
            this.label = label;
        }
    }

    private final MeterRegistry registry;
    private final Counter created;
    private final Counter updated;
    private final Counter refused;
    private final Counter loginsFailed;
    private final Counter loginsThrottled;
    private final Counter lifecycleDeleted;
    private final AtomicLong lastBackupSuccess = new AtomicLong();
    private final Clock clock;

    ProductMetrics(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    ProductMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.created = Counter.builder("dossier.case_file.creations").description("Case files created").register(registry);
        this.updated = Counter.builder("dossier.case_file.updates").description("Case file saves").register(registry);
        this.refused = Counter.builder("dossier.validation.refusals")
                .description("Case file saves refused by validation").register(registry);
        this.loginsFailed = Counter.builder("dossier.logins.failed")
                .description("Logins refused for a wrong e-mail or password").register(registry);
        this.loginsThrottled = Counter.builder("dossier.logins.throttled")
                .description("Logins refused because the account or the address is locked out").register(registry);
        this.lifecycleDeleted = Counter.builder("dossier.lifecycle.deleted")
                .description("Case files the lifecycle passes deleted").register(registry);
        for (DeletionPath path : DeletionPath.values()) {
            deletedCounter(path);
        }
        Gauge.builder("dossier.backup.last_success", lastBackupSuccess, AtomicLong::get).baseUnit("seconds")
                .description("Epoch second of this node's last successful backup, 0 before one").register(registry);
    }

    /** Counters that count into a registry of their own: for services built without the application's metrics. */
    public static ProductMetrics none() {
        return new ProductMetrics(new SimpleMeterRegistry());
    }

    public void caseFileCreated() {
        created.increment();
    }

    public void caseFileUpdated() {
        updated.increment();
    }

    public void caseFilesDeleted(DeletionPath path, long count) {
        if (count > 0) {
            deletedCounter(path).increment(count);
        }
    }

    public void validationRefused() {
        refused.increment();
    }

    public void loginFailed() {
        loginsFailed.increment();
    }

    public void loginThrottled() {
        loginsThrottled.increment();
    }

    /** A lifecycle pass ended: {@code outcome} is the pass's own (completed, failed, …), or skipped. */
    public void lifecycleRun(String outcome, long deleted) {
        Counter.builder("dossier.lifecycle.runs").tag("outcome", bounded(outcome))
                .description("Lifecycle passes by outcome").register(registry).increment();
        lifecycleDeleted.increment(deleted);
        caseFilesDeleted(DeletionPath.LIFECYCLE, deleted);
    }

    /**
     * A run of an import ended: {@code outcome} is its status (checked for a dry run, done,
     * refused, failed), {@code imported} the case files it created or updated.
     */
    public void importRun(String outcome, long imported) {
        Counter.builder("dossier.import.runs").tag("outcome", bounded(outcome))
                .description("Import runs (dry runs and imports) by outcome").register(registry).increment();
        if (imported > 0) {
            Counter.builder("dossier.import.rows").description("Case files created or updated by imports")
                    .register(registry).increment(imported);
        }
    }

    public void backupSucceeded() {
        backups("success").increment();
        lastBackupSuccess.set(clock.instant().getEpochSecond());
    }

    public void backupFailed() {
        backups("failure").increment();
    }

    private Counter backups(String outcome) {
        return Counter.builder("dossier.backups").tag("outcome", outcome).description("Backups by outcome")
                .register(registry);
    }

    private Counter deletedCounter(DeletionPath path) {
        return Counter.builder("dossier.case_file.deletions").tag("path", path.label)
                .description("Case files deleted for good, by deletion path").register(registry);
    }

    /** A pass's outcome is one of a few words; anything else is reported as "other". */
    private static String bounded(String outcome) {
        return outcome != null && outcome.matches("[a-z_]{1,20}") ? outcome : "other";
    }
}
