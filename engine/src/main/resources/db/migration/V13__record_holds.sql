-- A legal hold on a case file (litigation, a judge's request): while it stands, the case file is
-- neither archived nor deleted, whatever its last activity. One row per case file at most; lifting
-- the hold deletes the row (the audit log keeps who placed and lifted it, and why). Additive.
CREATE TABLE record_holds (
    tenant_id  BIGINT       NOT NULL,
    record_id  BINARY(16)   NOT NULL,
    reason     VARCHAR(500) NOT NULL,
    placed_by  VARCHAR(255) NOT NULL,
    placed_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (tenant_id, record_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
