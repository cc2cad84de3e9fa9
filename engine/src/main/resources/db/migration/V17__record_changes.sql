-- The history of a case file: one row per save, holding only the fields that save changed, each
-- with its old and new value (a JSON array, see history/HistoryValues; a confidential field's values
-- are sealed there, never written in clear by this table's code). Keyed by the lock version the save
-- produced, so the newest first is the primary key read backwards. Deleted with the case file by
-- retention/CaseFileErasure, the one deletion path. Additive: an older node writes no history.
CREATE TABLE record_changes (
    tenant_id      BIGINT       NOT NULL,
    record_id      BINARY(16)   NOT NULL,
    lock_version   INT          NOT NULL,
    changed_at     DATETIME(6)  NOT NULL,
    changed_by     VARCHAR(255) NOT NULL,
    form_key       VARCHAR(64)  NOT NULL,
    schema_version INT          NOT NULL,
    changes        JSON         NOT NULL,
    PRIMARY KEY (tenant_id, record_id, lock_version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
