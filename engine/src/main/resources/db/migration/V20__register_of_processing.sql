-- The register of processing activities (GDPR Art. 30).

-- The controller's contact details, filled once per service by its admin or a super-admin; the
-- register shows the service's name alone until then.
CREATE TABLE register_controllers (
    tenant_id      BIGINT       NOT NULL,
    organisation   VARCHAR(200) NOT NULL,
    representative VARCHAR(200) NOT NULL,
    address        VARCHAR(500) NOT NULL,
    email          VARCHAR(254) NOT NULL,
    phone          VARCHAR(40)  NOT NULL,
    dpo_name       VARCHAR(200) NOT NULL,
    dpo_email      VARCHAR(254) NOT NULL,
    dpo_phone      VARCHAR(40)  NOT NULL,
    updated_at     DATETIME(6)  NOT NULL,
    updated_by     VARCHAR(255) NOT NULL,
    PRIMARY KEY (tenant_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The register each published form version implied, kept as it was: written when the version is
-- published, or on first read for a version published before this table existed. Never updated.
CREATE TABLE register_snapshots (
    tenant_id   BIGINT      NOT NULL,
    form_key    VARCHAR(64) NOT NULL,
    version     INT         NOT NULL,
    register    JSON        NOT NULL,
    computed_at DATETIME(6) NOT NULL,
    PRIMARY KEY (tenant_id, form_key, version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
