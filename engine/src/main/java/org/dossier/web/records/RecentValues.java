package org.dossier.web.records;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.dossier.tenant.TenantId;

/**
 * A per-service list of values read at most once per {@code ttl}: choices of a filter, where a
 * minute-old list is as good as a fresh one and reading it costs a scan. Each node keeps its own.
 */
final class RecentValues {
    private record Entry(List<String> values, Instant readAt) {}

    private final Duration ttl;
    private final Clock clock;
    private final Function<TenantId, List<String>> reader;
    private final Map<TenantId, Entry> entries = new ConcurrentHashMap<>();

    RecentValues(Duration ttl, Clock clock, Function<TenantId, List<String>> reader) {
        this.ttl = ttl;
        this.clock = clock;
        this.reader = reader;
    }

    List<String> get(TenantId tenantId) {
        Instant now = clock.instant();
        Entry entry = entries.get(tenantId);
        if (entry == null || entry.readAt().plus(ttl).isBefore(now)) {
            entry = new Entry(List.copyOf(reader.apply(tenantId)), now);
            entries.put(tenantId, entry);
        }
        return entry.values();
    }
}
