package org.dossier.offboarding;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The tenant-scoped tables a service's deletion empties, by what they hold, in deletion order.
 * Memberships go after the search for orphan accounts, which reads them; the deletion test fails
 * when a migration adds a tenant-scoped table that is missing here.
 */
final class TenantTables {
    static final Map<DeletedKind, String> TABLES;

    static {
        Map<DeletedKind, String> tables = new EnumMap<>(DeletedKind.class);
        tables.put(DeletedKind.ATTACHMENTS, "attachments");
        tables.put(DeletedKind.RECORD_HOLDS, "record_holds");
        tables.put(DeletedKind.RECORD_CHANGES, "record_changes");
        tables.put(DeletedKind.RECORD_EXTERNAL_IDS, "record_external_ids");
        tables.put(DeletedKind.RECORDS, "records");
        tables.put(DeletedKind.IMPORT_ROWS, "import_rows");
        tables.put(DeletedKind.IMPORT_ERRORS, "import_errors");
        tables.put(DeletedKind.IMPORT_RUNS, "import_runs");
        tables.put(DeletedKind.IMPORT_MAPPINGS, "import_mappings");
        tables.put(DeletedKind.FORM_VERSIONS, "form_versions");
        tables.put(DeletedKind.FORM_DRAFTS, "form_drafts");
        tables.put(DeletedKind.FORM_UPSTREAMS, "form_upstreams");
        tables.put(DeletedKind.LOGOS, "tenant_logos");
        tables.put(DeletedKind.MEMBERSHIPS, "memberships");
        tables.put(DeletedKind.AUDIT_EVENTS, "audit_events");
        tables.put(DeletedKind.KEPT_POSTS, "kept_posts");
        tables.put(DeletedKind.CASE_FILE_TOMBSTONES, "case_file_tombstones");
        tables.put(DeletedKind.REGISTER_CONTROLLERS, "register_controllers");
        tables.put(DeletedKind.REGISTER_SNAPSHOTS, "register_snapshots");
        tables.put(DeletedKind.AUDIT_CHAIN_HEADS, "audit_chain_heads");
        tables.put(DeletedKind.SERVICE_USAGE, "service_usage");
        tables.put(DeletedKind.IDEMPOTENCY_KEYS, "idempotency_keys");
        // After the case files: deleting them writes deltas.
        tables.put(DeletedKind.STATISTICS_COUNTS, "statistics_counts");
        tables.put(DeletedKind.STATISTICS_DELTAS, "statistics_deltas");
        // Last: destroying the data key makes every copy of the service's sealed values unreadable.
        tables.put(DeletedKind.DATA_KEYS, "service_data_keys");
        TABLES = Collections.unmodifiableMap(tables);
    }

    private TenantTables() {}
}
