package org.dossier.metrics;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The process's meter registry, in the Prometheus text format: JVM (memory, GC, threads, class
 * loading, process CPU, uptime), the connection pool, and the product's counters ({@link #product()}).
 * One per wired application; the HTTP layer adds its request timers to {@link #registry()}.
 */
public final class Metrics {
    private final PrometheusMeterRegistry registry;
    private final ProductMetrics product;
    private final UsageMeter usage;
    private final UsageGauges usageGauges;

    private Metrics(PrometheusMeterRegistry registry, UsageMeter usage, Clock clock) {
        this.registry = registry;
        this.product = new ProductMetrics(registry, clock);
        this.usage = usage;
        this.usageGauges = new UsageGauges(registry, usage, clock);
    }

    /** A registry with the JVM's binders and the services' usage; the pool is added by {@link #bindPool}. */
    public static Metrics create(Jdbi jdbi, Clock clock) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("application", "dossier");
        new JvmMemoryMetrics().bindTo(registry);
        // Its listener lives as long as the process, like the registry it reports to.
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return new Metrics(registry, new UsageMeter(jdbi, clock), clock);
    }

    /**
     * Reports the Hikari pool's connections (active, idle, pending), acquisition times and timeouts
     * ({@code hikaricp_*}). Hikari takes one tracker per pool: a second application wired on the
     * same pool (a test's second node) leaves the first one's in place.
     */
    public void bindPool(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari && hikari.getMetricsTrackerFactory() == null) {
            hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    public ProductMetrics product() {
        return product;
    }

    /** Measures and reads each service's usage (the recurring task and the services page use it). */
    public UsageMeter usage() {
        return usage;
    }

    /** Measures every service now and shows the new figures in this node's next scrape. */
    public int measureUsage() {
        int measured = usage.measure();
        usageGauges.stale();
        return measured;
    }

    /** Every meter in the Prometheus text exposition format (version 0.0.4), the usage gauges re-read when stale. */
    public String scrape() {
        usageGauges.refresh();
        return registry.scrape();
    }
}
