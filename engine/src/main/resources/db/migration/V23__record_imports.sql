-- Imports of case files (CSV, XLSX, JSON lines) with a dry run and a ledger. Additive (expand):
-- an older node ignores these tables.
--
-- A run: its file (kept under <data dir>/imports/ until the run ends), its options and totals.
CREATE TABLE import_runs (
    tenant_id      BIGINT        NOT NULL,
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    form_key       VARCHAR(64)   NOT NULL,
    file_name      VARCHAR(255)  NOT NULL,
    file_format    VARCHAR(8)    NOT NULL,
    stored_file    VARCHAR(255)  NOT NULL,
    options        JSON          NOT NULL,
    mode           VARCHAR(16)   NOT NULL,
    status         VARCHAR(16)   NOT NULL,
    rows_total     INT           NOT NULL DEFAULT 0,
    rows_valid     INT           NOT NULL DEFAULT 0,
    rows_invalid   INT           NOT NULL DEFAULT 0,
    rows_new       INT           NOT NULL DEFAULT 0,
    rows_existing  INT           NOT NULL DEFAULT 0,
    rows_done      INT           NOT NULL DEFAULT 0,
    post_check     JSON          NULL,
    failure        VARCHAR(255)  NULL,
    created_at     DATETIME(6)   NOT NULL,
    created_by     VARCHAR(255)  NOT NULL,
    updated_at     DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    KEY import_runs_tenant (tenant_id, id)
);

-- The ledger: what became of each source row of a run that writes, committed with the batch that
-- wrote it, so that a run cut short resumes after its last committed row.
CREATE TABLE import_rows (
    tenant_id   BIGINT       NOT NULL,
    run_id      BIGINT       NOT NULL,
    row_no  INT          NOT NULL,
    outcome     VARCHAR(16)  NOT NULL,
    record_id   BINARY(16)   NULL,
    PRIMARY KEY (tenant_id, run_id, row_no)
);

-- The report of a run: per row, the field, the value (masked when confidential) and the message.
CREATE TABLE import_errors (
    tenant_id   BIGINT        NOT NULL,
    run_id      BIGINT        NOT NULL,
    row_no  INT           NOT NULL,
    seq         INT           NOT NULL,
    field       VARCHAR(512)  NOT NULL,
    value       VARCHAR(255)  NOT NULL,
    message     VARCHAR(1024) NOT NULL,
    PRIMARY KEY (tenant_id, run_id, row_no, seq)
);

-- The mapping an admin saved for a service's form: source column -> field pointer (or ignored).
CREATE TABLE import_mappings (
    tenant_id   BIGINT        NOT NULL,
    form_key    VARCHAR(64)   NOT NULL,
    mapping     JSON          NOT NULL,
    updated_at  DATETIME(6)   NOT NULL,
    updated_by  VARCHAR(255)  NOT NULL,
    PRIMARY KEY (tenant_id, form_key)
);

-- The id a case file had in the system it came from: a re-run of the same file finds it again
-- rather than creating it twice. Deleted with the case file by retention/CaseFileErasure.
CREATE TABLE record_external_ids (
    tenant_id    BIGINT        NOT NULL,
    form_key     VARCHAR(64)   NOT NULL,
    external_id  VARCHAR(255)  NOT NULL,
    record_id    BINARY(16)    NOT NULL,
    PRIMARY KEY (tenant_id, form_key, external_id),
    KEY record_external_ids_record (tenant_id, record_id)
);
