package org.dossier.offboarding;

/**
 * What deleting a service removes, in the order it is reported. The key names each count in the
 * tombstone, the API answer and the command's output, and its label in the pages bundle
 * ({@code offboarding.kind.<key>}).
 */
public enum DeletedKind {
    ATTACHMENTS("attachments"),
    RECORD_HOLDS("recordHolds"),
    RECORD_CHANGES("recordChanges"),
    RECORD_EXTERNAL_IDS("recordExternalIds"),
    RECORDS("records"),
    IMPORT_ROWS("importRows"),
    IMPORT_ERRORS("importErrors"),
    IMPORT_RUNS("importRuns"),
    IMPORT_MAPPINGS("importMappings"),
    FORM_VERSIONS("formVersions"),
    FORM_DRAFTS("formDrafts"),
    FORM_UPSTREAMS("formUpstreams"),
    LOGOS("logos"),
    MEMBERSHIPS("memberships"),
    AUDIT_EVENTS("auditEvents"),
    KEPT_POSTS("keptPosts"),
    CASE_FILE_TOMBSTONES("caseFileTombstones"),
    REGISTER_CONTROLLERS("registerControllers"),
    REGISTER_SNAPSHOTS("registerSnapshots"),
    AUDIT_CHAIN_HEADS("auditChainHeads"),
    SERVICE_USAGE("serviceUsage"),
    IDEMPOTENCY_KEYS("idempotencyKeys"),
    STATISTICS_COUNTS("statisticsCounts"),
    STATISTICS_DELTAS("statisticsDeltas"),
    DATA_KEYS("dataKeys"),
    /** The head of the service's audit chain: the chain goes with its events. */
    ACCOUNTS("accounts"),
    SESSIONS("sessions"),
    API_TOKENS("apiTokens"),
    ACCOUNT_EVENTS("accountEvents");

    private final String key;

    DeletedKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
