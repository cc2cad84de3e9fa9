package org.dossier.db;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the embedded mariadbd and starts it again when it dies (a kill -9, the OOM killer, a
 * crash): within a quarter of a second the node knows ({@link DatabaseHealth} turns
 * {@code RESTARTING}, readiness answers 503), then the server is restarted on the same port and
 * files. After {@value #ATTEMPTS} failed restarts the state is {@code FAILED}: liveness answers 503
 * so that whatever supervises the process restarts it.
 */
final class EmbeddedSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSupervisor.class);
    static final int ATTEMPTS = 3;
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration BACKOFF = Duration.ofSeconds(2);

    private final EmbeddedMariaDb embedded;
    private final DatabaseHealth health;
    private final Runnable afterRestart;
    private final Thread thread;
    private volatile boolean closed;

    private EmbeddedSupervisor(EmbeddedMariaDb embedded, DatabaseHealth health, Runnable afterRestart) {
        this.embedded = embedded;
        this.health = health;
        this.afterRestart = afterRestart;
        this.thread = new Thread(this::watch, "dossier-db-supervisor");
        this.thread.setDaemon(true);
    }

    /** @param afterRestart what to do once the server is back (drop the pool's dead connections) */
    static EmbeddedSupervisor start(EmbeddedMariaDb embedded, DatabaseHealth health, Runnable afterRestart) {
        EmbeddedSupervisor supervisor = new EmbeddedSupervisor(embedded, health, afterRestart);
        supervisor.thread.start();
        return supervisor;
    }

    private void watch() {
        while (!closed && !health.failed()) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (closed) {
                return;
            }
            if (embedded.alive()) {
                if (health.state() == DatabaseHealth.State.STOPPED) {
                    health.set(DatabaseHealth.State.UP);
                    afterRestart.run();
                }
                continue;
            }
            if (embedded.stoppedOnPurpose()) {
                health.set(DatabaseHealth.State.STOPPED);
                continue;
            }
            recover();
        }
    }

    private void recover() {
        long started = System.nanoTime();
        health.set(DatabaseHealth.State.RESTARTING);
        LOG.error("Embedded MariaDB (pid {}) is gone: restarting it; readiness answers 503 meanwhile", embedded.pid());
        for (int attempt = 1; attempt <= ATTEMPTS && !closed; attempt++) {
            try {
                embedded.restart();
                afterRestart.run();
                health.set(DatabaseHealth.State.UP);
                LOG.info("Embedded MariaDB back after {} ms (attempt {})", (System.nanoTime() - started) / 1_000_000, attempt);
                return;
            } catch (RuntimeException e) {
                LOG.error("Restart {} of {} of the embedded MariaDB failed", attempt, ATTEMPTS, e);
                try {
                    Thread.sleep(BACKOFF.multipliedBy(attempt).toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
        if (!closed) {
            health.set(DatabaseHealth.State.FAILED);
            LOG.error("The embedded MariaDB could not be restarted {} times: liveness answers 503, restart this process",
                    ATTEMPTS);
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
