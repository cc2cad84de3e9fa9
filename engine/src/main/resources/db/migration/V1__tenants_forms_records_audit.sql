-- Dossier schema, version 1.
-- Portable between MySQL 8 and MariaDB >= 10.6: JSON columns, JSON_EXTRACT/JSON_UNQUOTE in
-- stored generated columns with ordinary indexes. Every tenant-scoped table leads its primary
-- key and every lookup index with tenant_id so that the schema can be sharded by tenant.
-- No foreign keys across tables: a sharded deployment cannot keep them, the code keeps the links.

CREATE TABLE tenants (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    slug          VARCHAR(63)  NOT NULL,
    name          VARCHAR(200) NOT NULL,
    primary_color CHAR(7)      NOT NULL,
    settings      JSON         NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY tenants_by_slug (slug)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Published form versions are immutable: the code has no UPDATE for this table.
CREATE TABLE form_versions (
    tenant_id    BIGINT       NOT NULL,
    form_key     VARCHAR(64)  NOT NULL,
    version      INT          NOT NULL,
    definition   JSON         NOT NULL,
    published_at DATETIME(6)  NOT NULL,
    published_by VARCHAR(255) NOT NULL,
    PRIMARY KEY (tenant_id, form_key, version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE records (
    tenant_id        BIGINT       NOT NULL,
    id               BINARY(16)   NOT NULL,
    form_key         VARCHAR(64)  NOT NULL,
    schema_version   INT          NOT NULL,
    data             JSON         NOT NULL,
    lock_version     INT          NOT NULL,
    created_at       DATETIME(6)  NOT NULL,
    created_by       VARCHAR(255) NOT NULL,
    updated_at       DATETIME(6)  NOT NULL,
    updated_by       VARCHAR(255) NOT NULL,
    -- Drives the retention lifecycle (active N/N-1, archive N-2..N-5, deletion after 5 years).
    last_activity_at DATETIME(6)  NOT NULL,
    -- Frequently searched fields of the base schema, kept in step with data by the server.
    last_name        VARCHAR(150) GENERATED ALWAYS AS (LEFT(JSON_UNQUOTE(JSON_EXTRACT(data, '$.identite.nom')), 150)) STORED,
    first_name       VARCHAR(150) GENERATED ALWAYS AS (LEFT(JSON_UNQUOTE(JSON_EXTRACT(data, '$.identite.prenom')), 150)) STORED,
    birth_date       CHAR(10)     GENERATED ALWAYS AS (LEFT(JSON_UNQUOTE(JSON_EXTRACT(data, '$.identite.date_naissance')), 10)) STORED,
    status           VARCHAR(40)  GENERATED ALWAYS AS (LEFT(JSON_UNQUOTE(JSON_EXTRACT(data, '$.accompagnement.statut')), 40)) STORED,
    PRIMARY KEY (tenant_id, id),
    -- Covers the list page and name search: rows come in last-update order straight from the
    -- index, and every column the list shows is in it, so no JSON row is read to list or count.
    KEY records_list (tenant_id, form_key, updated_at, id, last_name, first_name, birth_date, status),
    KEY records_by_last_name (tenant_id, form_key, last_name, first_name),
    KEY records_by_first_name (tenant_id, form_key, first_name),
    KEY records_by_birth_date (tenant_id, form_key, birth_date),
    KEY records_by_status (tenant_id, form_key, status, updated_at),
    KEY records_by_activity (tenant_id, last_activity_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Append-only. Ids are time-ordered UUIDs so that a later per-tenant hash chain can follow
-- insertion order without an AUTO_INCREMENT column outside the tenant-leading key.
CREATE TABLE audit_events (
    tenant_id      BIGINT       NOT NULL,
    id             BINARY(16)   NOT NULL,
    occurred_at    DATETIME(6)  NOT NULL,
    actor          VARCHAR(255) NOT NULL,
    action         VARCHAR(64)  NOT NULL,
    target_type    VARCHAR(32)  NOT NULL,
    target_id      VARCHAR(64)  NULL,
    client_address VARCHAR(45)  NULL,
    details        JSON         NULL,
    PRIMARY KEY (tenant_id, id),
    KEY audit_by_time (tenant_id, occurred_at),
    KEY audit_by_target (tenant_id, target_type, target_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
