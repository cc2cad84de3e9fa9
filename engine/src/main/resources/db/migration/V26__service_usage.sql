-- Usage per service, for the platform's budget alerts and usage monitoring: measured by a recurring
-- task of the scheduler (every 15 minutes, on one node), read by every node's /metrics and by the
-- super-admin's services page, so that neither counts rows per request. One row per service,
-- replaced by each measure; counts and sizes only, nothing about a person.
-- Additive (expand): an older node ignores the table.
CREATE TABLE service_usage (
    tenant_id        BIGINT      NOT NULL,
    case_files       BIGINT      NOT NULL,
    attachment_bytes BIGINT      NOT NULL,
    database_bytes   BIGINT      NOT NULL,
    measured_at      DATETIME(6) NOT NULL,
    PRIMARY KEY (tenant_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
