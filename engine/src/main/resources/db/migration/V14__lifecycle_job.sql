-- The lifecycle job. Additive: four new tables, nothing existing changes.

-- db-scheduler's table (its MySQL/MariaDB DDL), the one job mechanism of the platform: the nightly
-- lifecycle pass today, backups and long imports/exports later. One row per scheduled execution;
-- a node picks it with an optimistic update and heartbeats while it runs, so a dead node's
-- execution is detected and run again elsewhere. DATETIME(6) rather than TIMESTAMP: MariaDB gives
-- a first TIMESTAMP NOT NULL column an implicit ON UPDATE CURRENT_TIMESTAMP.
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(100) NOT NULL,
    task_instance        VARCHAR(100) NOT NULL,
    task_data            BLOB,
    execution_time       DATETIME(6)  NOT NULL,
    picked               BOOLEAN      NOT NULL,
    picked_by            VARCHAR(50),
    last_success         DATETIME(6)  NULL,
    last_failure         DATETIME(6)  NULL,
    consecutive_failures INT,
    last_heartbeat       DATETIME(6)  NULL,
    version              BIGINT       NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance),
    KEY execution_time_idx (execution_time),
    KEY last_heartbeat_idx (last_heartbeat),
    KEY priority_execution_time_idx (priority DESC, execution_time ASC)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The one lock of a lifecycle pass, whoever runs it (the nightly task on any node, or the
-- command): taken by a conditional update, extended after every batch, free again when released
-- or when its holder stopped extending it (a dead holder keeps it at most until held_until).
CREATE TABLE lifecycle_lock (
    name       VARCHAR(40)  NOT NULL,
    holder     VARCHAR(100) NULL,
    held_until DATETIME(6)  NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
INSERT INTO lifecycle_lock (name, holder, held_until) VALUES ('pass', NULL, NULL);

-- One row per pass: when, who ran it, what it did per service (counts only, keyed by tenant id
-- and slug), what went wrong. Platform-side (no tenant_id): a pass spans every service, and its
-- counts carry no personal data.
CREATE TABLE lifecycle_runs (
    id          VARCHAR(36)  NOT NULL,
    run_by      VARCHAR(100) NOT NULL,
    started_at  DATETIME(6)  NOT NULL,
    finished_at DATETIME(6)  NULL,
    outcome     VARCHAR(20)  NOT NULL,
    counts      JSON         NOT NULL,
    errors      TEXT         NULL,
    PRIMARY KEY (id),
    KEY lifecycle_runs_started (started_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What remains of a deleted case file: no personal data, only ids, form, dates and the run that
-- deleted it (NULL when a later erasure path deletes it outside a pass). Written in the
-- transaction that deletes the row. The service's data: deleted with the service.
CREATE TABLE case_file_tombstones (
    tenant_id        BIGINT      NOT NULL,
    record_id        BINARY(16)  NOT NULL,
    form_key         VARCHAR(64) NOT NULL,
    created_at       DATETIME(6) NOT NULL,
    last_activity_at DATETIME(6) NOT NULL,
    deleted_at       DATETIME(6) NOT NULL,
    run_id           VARCHAR(36) NULL,
    PRIMARY KEY (tenant_id, record_id),
    KEY case_file_tombstones_run (run_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
