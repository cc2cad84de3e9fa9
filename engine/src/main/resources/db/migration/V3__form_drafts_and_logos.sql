-- The no-code designer and branding. Each service works on one draft customisation per form, published as
-- the next immutable version. Each version keeps the customisation it was compiled from (null for
-- a version published as a whole definition), so that an old version can be restored as a draft.

CREATE TABLE form_drafts (
    tenant_id     BIGINT       NOT NULL,
    form_key      VARCHAR(64)  NOT NULL,
    customisation JSON         NOT NULL,
    updated_at    DATETIME(6)  NOT NULL,
    updated_by    VARCHAR(255) NOT NULL,
    PRIMARY KEY (tenant_id, form_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE form_versions ADD COLUMN customisation JSON NULL;

-- A service's logo, checked by content when uploaded (PNG, JPEG or WebP only). Small enough to
-- live in the database, so every app node serves it without shared storage.
CREATE TABLE tenant_logos (
    tenant_id    BIGINT       NOT NULL,
    content_type VARCHAR(20)  NOT NULL,
    width        INT          NOT NULL,
    height       INT          NOT NULL,
    bytes        MEDIUMBLOB   NOT NULL,
    updated_at   DATETIME(6)  NOT NULL,
    updated_by   VARCHAR(255) NOT NULL,
    PRIMARY KEY (tenant_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- 0 while a service has no logo; raised at each upload so that the logo's URL changes with it.
ALTER TABLE tenants ADD COLUMN logo_version INT NOT NULL DEFAULT 0;
