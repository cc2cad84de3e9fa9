package org.dossier.offboarding;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts of what deleting a service removes (or, before it, would remove), and of the rows of
 * other services it changes without deleting them.
 *
 * @param deleted                rows deleted, per kind, every kind present
 * @param unlinkedClones         services cloned from this one, whose link to their source is cut
 * @param redactedPlatformEvents platform audit events about this service whose details named its
 *                               first admin's e-mail, which is removed from them
 */
public record DeletionCounts(Map<DeletedKind, Long> deleted, long unlinkedClones, long redactedPlatformEvents) {
    public DeletionCounts {
        EnumMap<DeletedKind, Long> all = new EnumMap<>(DeletedKind.class);
        for (DeletedKind kind : DeletedKind.values()) {
            all.put(kind, deleted.getOrDefault(kind, 0L));
        }
        deleted = Collections.unmodifiableMap(all);
    }

    public long of(DeletedKind kind) {
        return deleted.get(kind);
    }

    /** The deleted counts by key, in report order: for JSON answers and the tombstone. */
    public Map<String, Long> byKey() {
        Map<String, Long> byKey = new LinkedHashMap<>();
        deleted.forEach((kind, count) -> byKey.put(kind.key(), count));
        return byKey;
    }
}
