package org.dossier.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stored usage of each service as gauges with one {@code service} label (its slug: as many
 * series as services, no more). Read from {@code service_usage} at most once a {@link #FRESH} when
 * scraped, never counted per scrape; a deleted service's series disappears at the next read.
 */
public final class UsageGauges {
    private static final Logger LOG = LoggerFactory.getLogger(UsageGauges.class);
    static final Duration FRESH = Duration.ofMinutes(1);

    private final UsageMeter meter;
    private final Clock clock;
    private final MultiGauge caseFiles;
    private final MultiGauge attachmentBytes;
    private final MultiGauge databaseBytes;
    private Instant readAt = Instant.MIN;

    public UsageGauges(MeterRegistry registry, UsageMeter meter, Clock clock) {
        this.meter = meter;
        this.clock = clock;
        this.caseFiles = MultiGauge.builder("dossier.service.case_files")
                .description("Case files of the service, as last measured").register(registry);
        this.attachmentBytes = MultiGauge.builder("dossier.service.attachment_bytes").baseUnit("bytes")
                .description("Bytes of the service's stored files, as last measured").register(registry);
        this.databaseBytes = MultiGauge.builder("dossier.service.database_bytes").baseUnit("bytes")
                .description("Estimated database bytes of the service (case files, their history, index share)")
                .register(registry);
    }

    /** Reads the stored figures again when the last read is older than {@link #FRESH}. */
    public synchronized void refresh() {
        Instant now = clock.instant();
        if (readAt.plus(FRESH).isAfter(now)) {
            return;
        }
        readAt = now;
        List<ServiceUsage> usage;
        try {
            usage = meter.read();
        } catch (RuntimeException e) {
            // A scrape must still answer when the database does not: that is when its other series matter.
            LOG.warn("Usage per service not read, the last figures stay: {}", e.toString());
            return;
        }
        caseFiles.register(rows(usage, ServiceUsage::caseFiles), true);
        attachmentBytes.register(rows(usage, ServiceUsage::attachmentBytes), true);
        databaseBytes.register(rows(usage, ServiceUsage::databaseBytes), true);
    }

    /** Forgets the last read, so that the next {@link #refresh()} reads (after a measure on this node). */
    public synchronized void stale() {
        readAt = Instant.MIN;
    }

    private static List<MultiGauge.Row<?>> rows(List<ServiceUsage> usage, ToLongFunction<ServiceUsage> value) {
        return usage.stream()
                .<MultiGauge.Row<?>>map(service -> MultiGauge.Row.of(Tags.of("service", service.slug()),
                        value.applyAsLong(service)))
                .toList();
    }
}
